package dev.mlp4j.core.data;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.DataLocator.Dataset;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a data set is looked for: the folders the user names, then the usual places, and last the per-user data home
 * ~/.mlp4j/data/DATASET. The tests move user.home and the project's root (mlp4j.root) to folders of their own.
 */
class DataSearchOrderTest {

    /** Runs {@code body} with the system properties set as given (null: cleared), and puts them back after. */
    private static <T> T with(Map<String, String> properties, Callable<T> body) throws Exception {
        Map<String, String> before = new HashMap<>();
        properties.keySet().forEach(k -> before.put(k, System.getProperty(k)));
        try {
            properties.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
            return body.call();
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    private static Map<String, String> settings(Path home, Path root) {
        Map<String, String> m = new HashMap<>();
        m.put("user.home", home.toString());
        m.put("mlp4j.root", root.toString());
        m.put("mlp4j.data", null);
        return m;
    }

    private static void assumeNoOtherPlaceHolds(Dataset dataset) {
        Assumptions.assumeTrue(System.getenv("MLP4J_DATA") == null, "MLP4J_DATA is set; it would be found before the places under test");
        for (String relative : List.of("../shared/" + dataset.id(), "shared/" + dataset.id(), "/usr/share/datasets/" + dataset.id())) {
            Assumptions.assumeTrue(!MnistFiles.present(Paths.get(relative)), relative + " holds the data; it would be found first");
        }
    }

    private static Path miniMnistIn(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path mini = Fixtures.miniMnist();
        for (String name : Fixtures.MNIST_FILE_NAMES) {
            Files.copy(mini.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    @Test
    void the_data_home_is_looked_in_last(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        List<String[]> candidates = with(settings(home, tmp.resolve("project")), () -> DataLocator.candidates(null, Dataset.FASHION_MNIST));
        String[] last = candidates.get(candidates.size() - 1);
        assertEquals(home.resolve(".mlp4j/data/fashion-mnist").toString(), last[0]);
        assertEquals("data home", last[1]);
        assertTrue(candidates.stream().anyMatch(c -> c[0].equals("/usr/share/datasets/fashion-mnist")), "the usual places are still searched");
    }

    @Test
    void the_data_home_is_found_when_no_other_place_holds_the_data(@TempDir Path tmp) throws Exception {
        assumeNoOtherPlaceHolds(Dataset.MNIST);
        Path home = tmp.resolve("home");
        Path inHome = miniMnistIn(home.resolve(".mlp4j/data/mnist"));
        DataFolder found = with(settings(home, tmp.resolve("project")), () -> DataLocator.require(null, Dataset.MNIST));
        assertEquals(inHome, found.dir());
        assertEquals("data home", found.source());

        // ../shared/mnist beside the project comes before the data home.
        Path beside = miniMnistIn(tmp.resolve("shared/mnist"));
        DataFolder first = with(settings(home, tmp.resolve("project")), () -> DataLocator.require(null, Dataset.MNIST));
        assertEquals(beside, first.dir());
        assertEquals("default", first.source());
    }

    @Test
    void a_folder_reached_two_ways_is_listed_once(@TempDir Path tmp) throws Exception {
        assumeNoOtherPlaceHolds(Dataset.MNIST);
        // Run from the project's root, ../shared/mnist and the root's ../shared/mnist are one folder.
        Path root = Paths.get("").toAbsolutePath();
        Map<String, String> s = settings(tmp.resolve("home"), root);
        List<String[]> candidates = with(s, () -> DataLocator.candidates(null, Dataset.MNIST));
        List<Path> folders = candidates.stream().map(c -> Paths.get(c[0]).toAbsolutePath().normalize()).toList();
        assertEquals(folders.stream().distinct().toList(), folders);

        String message = assertThrows(InvalidInputException.class, () -> with(s, () -> DataLocator.require(null, Dataset.MNIST))).getMessage();
        String shared = root.resolve("../shared/mnist").normalize() + " (default)";
        assertTrue(message.contains(shared), message);
        assertEquals(message.indexOf(shared), message.lastIndexOf(shared), message);
        assertTrue(message.contains(tmp.resolve("home/.mlp4j/data/mnist") + " (data home)"), message);
    }
}
