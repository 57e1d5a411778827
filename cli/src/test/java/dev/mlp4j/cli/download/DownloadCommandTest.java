package dev.mlp4j.cli.download;

import dev.mlp4j.core.testing.Fifos;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.mlp4j.cli.CliRun;
import dev.mlp4j.core.data.DataLocator;
import dev.mlp4j.core.data.MnistFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The download command against a local mirror: MNIST's real checksums, and a mirror with nothing on it. */
class DownloadCommandTest {

    /** Serves the files of {@code folder} under /mnist/, and nothing else. */
    private static HttpServer serve(Path folder) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mnist/", x -> {
            Path file = folder == null ? null : folder.resolve(x.getRequestURI().getPath().substring("/mnist/".length()));
            if (file == null || !Files.isRegularFile(file)) {
                x.sendResponseHeaders(404, -1);
            } else {
                byte[] body = Files.readAllBytes(file);
                x.sendResponseHeaders(200, body.length);
                try (OutputStream out = x.getResponseBody()) {
                    out.write(body);
                }
            }
            x.close();
        });
        server.start();
        return server;
    }

    @Test
    void fetches_mnist_from_a_mirror_and_checks_the_published_checksums(@TempDir Path dir) throws Exception {
        Path mnist = DataLocator.find(null, DataLocator.Dataset.MNIST);
        Assumptions.assumeTrue(mnist != null && MnistFiles.find(mnist, MnistFiles.TRAIN_IMAGES).toString().endsWith(".gz"),
                "MNIST's .gz files not found; see README 'Getting MNIST'");
        HttpServer server = serve(mnist);
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/mnist";
            CliRun r = CliRun.of("download", "--dir", dir.toString(), "--mirror", mirror, "--json");
            assertEquals(0, r.exitCode(), r.err());
            JsonNode files = r.json().get("files");
            assertEquals(4, files.size());
            for (JsonNode f : files) {
                assertEquals("downloaded", f.get("status").asText());
                assertTrue(f.get("checksum").asText().startsWith("sha256 "), f.toString());
                assertEquals(Files.size(mnist.resolve(f.get("name").asText())), Files.size(dir.resolve(f.get("name").asText())));
            }
            assertTrue(r.out().contains("train and eval find it with --data " + dir.toAbsolutePath()), r.out());

            CliRun again = CliRun.of("download", "--dir", dir.toString(), "--mirror", mirror, "--json");
            assertEquals(0, again.exitCode(), again.err());
            assertEquals("present", again.json().get("files").get(0).get("status").asText());
            assertTrue(MnistFiles.present(dir));
        } finally {
            server.stop(0);
        }
    }

    /** Runs {@code body} with user.home at {@code home} and -Dmlp4j.data set to {@code data} (null: not set), put back after. */
    private static <T> T withHome(Path home, String data, Supplier<T> body) {
        Assumptions.assumeTrue(System.getenv("MLP4J_DATA") == null, "MLP4J_DATA is set, so download's default folder is that");
        String homeBefore = System.getProperty("user.home");
        String dataBefore = System.getProperty("mlp4j.data");
        try {
            System.setProperty("user.home", home.toString());
            if (data == null) {
                System.clearProperty("mlp4j.data");
            } else {
                System.setProperty("mlp4j.data", data);
            }
            return body.get();
        } finally {
            System.setProperty("user.home", homeBefore);
            if (dataBefore == null) {
                System.clearProperty("mlp4j.data");
            } else {
                System.setProperty("mlp4j.data", dataBefore);
            }
        }
    }

    @Test
    void without_dir_the_files_go_to_the_data_home_unless_the_user_names_a_data_folder(@TempDir Path home) throws Exception {
        HttpServer server = serve(null);
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/";
            CliRun r = withHome(home, null, () -> CliRun.of("download", "--dataset", "fashion-mnist", "--mirror", mirror, "--no-progress"));
            Path target = home.resolve(".mlp4j").resolve("data").resolve("fashion-mnist");
            assertEquals(1, r.exitCode(), "the mirror has nothing: " + r.err());
            assertEquals("fashion-mnist into " + target, r.out().lines().findFirst().orElse(""), r.out());
            assertTrue(r.err().contains("Nothing wrong was kept under " + target.resolve("train-images-idx3-ubyte.gz")), r.err());

            // A data folder the user keeps (MLP4J_DATA, or -Dmlp4j.data as here) is where train looks first: download fills it.
            Path own = home.resolve("own");
            CliRun o = withHome(home, own.toString(), () -> CliRun.of("download", "--mirror", mirror, "--no-progress"));
            assertEquals("mnist into " + own, o.out().lines().findFirst().orElse(""), o.out());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_download_into_the_data_home_is_found_there(@TempDir Path home) throws Exception {
        Path mnist = DataLocator.find(null, DataLocator.Dataset.MNIST);
        Assumptions.assumeTrue(mnist != null && MnistFiles.find(mnist, MnistFiles.TRAIN_IMAGES).toString().endsWith(".gz"),
                "MNIST's .gz files not found; see README 'Getting MNIST'");
        HttpServer server = serve(mnist);
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/";
            CliRun r = withHome(home, null, () -> CliRun.of("download", "--mirror", mirror, "--no-progress", "--json"));
            assertEquals(0, r.exitCode(), r.err());
            Path target = home.resolve(".mlp4j/data/mnist");
            assertEquals(target.toString(), r.json().get("dir").asText());
            assertTrue(MnistFiles.present(target));
            // The data home is the last place searched: found there unless an earlier place holds MNIST too.
            List<String[]> candidates = withHome(home, null, () -> DataLocator.candidates(null, DataLocator.Dataset.MNIST));
            assertEquals(target.toString(), candidates.get(candidates.size() - 1)[0]);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void another_data_sets_complete_file_is_not_replaced(@TempDir Path dir) throws Exception {
        Path mnist = DataLocator.find(null, DataLocator.Dataset.MNIST);
        Assumptions.assumeTrue(mnist != null && Files.isRegularFile(mnist.resolve("t10k-labels-idx1-ubyte.gz")),
                "MNIST's .gz files not found; see README 'Getting MNIST'");
        Path kept = dir.resolve("t10k-labels-idx1-ubyte.gz");
        Files.copy(mnist.resolve("t10k-labels-idx1-ubyte.gz"), kept);
        byte[] before = Files.readAllBytes(kept);
        HttpServer server = serve(mnist);
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/";
            CliRun r = CliRun.of("download", "--dataset", "fashion-mnist", "--dir", dir.toString(), "--mirror", mirror);
            assertEquals(2, r.exitCode(), r.err());
            assertEquals("error: " + kept + " is a complete mnist file, which a fashion-mnist download would replace; give another --dir, e.g. --dir "
                    + dir.resolveSibling("fashion-mnist") + ".", r.err().strip());
            assertArrayEquals(before, Files.readAllBytes(kept));
            try (var files = Files.list(dir)) {
                assertEquals(1, files.count(), "nothing downloaded");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_folder_or_fifo_under_a_files_name_is_refused_before_anything_is_downloaded(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("train-labels-idx1-ubyte.gz");
        Fifos.make(fifo);
        HttpServer server = serve(null);
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/";
            CliRun r = CliRun.of("download", "--dir", dir.toString(), "--mirror", mirror);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().strip().equals("error: " + fifo + " cannot be replaced by the download (it is a FIFO (named pipe), not a regular file); "
                    + "move it away or give another --dir."), r.err());
            assertFalse(Files.isRegularFile(fifo));

            Files.delete(fifo);
            Path folder = Files.createDirectory(dir.resolve("train-images-idx3-ubyte.gz"));
            CliRun f = CliRun.of("download", "--dir", dir.toString(), "--mirror", mirror);
            assertEquals(2, f.exitCode(), f.err());
            assertTrue(f.err().contains(folder + " cannot be replaced by the download (it is a folder)"), f.err());
            try (var files = Files.list(dir)) {
                assertEquals(1, files.count(), "no .part left");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_mirror_without_the_files_fails_in_one_sentence_leaving_nothing(@TempDir Path dir) throws Exception {
        HttpServer server = serve(null);
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/";
            CliRun r = CliRun.of("download", "--dataset", "fashion-mnist", "--dir", dir.toString(), "--mirror", mirror, "--json");
            assertEquals(1, r.exitCode());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("Could not download train-images-idx3-ubyte.gz (" + mirror + "train-images-idx3-ubyte.gz: HTTP 404)"), r.err());
            assertTrue(r.json().get("error").asText().startsWith("Could not download"));
            try (var files = Files.list(dir)) {
                assertEquals(0, files.count());
            }
        } finally {
            server.stop(0);
        }
        CliRun badMirror = CliRun.of("download", "--dir", dir.toString(), "--mirror", "ftp://example/x");
        assertEquals(2, badMirror.exitCode());
        assertTrue(badMirror.err().contains("is not an http or https URL"), badMirror.err());
        CliRun badSet = CliRun.of("download", "--dataset", "cifar", "--dir", dir.toString());
        assertEquals(2, badSet.exitCode());
        assertFalse(badSet.err().contains("Exception"), badSet.err());
    }
}
