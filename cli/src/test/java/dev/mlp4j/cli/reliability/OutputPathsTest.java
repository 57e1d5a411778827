package dev.mlp4j.cli.reliability;

import dev.mlp4j.core.testing.Fifos;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What {@code train} and the other commands write, and over what: nothing untrained replaces a model; empty paths,
 * special files and folders that take no files are refused before any work; a link stays a link, a private file
 * private; a checkpoint folder never swallows a model that is not the checkpoint's.
 */
class OutputPathsTest {
    @TempDir
    static Path tmp;

    static Path model;

    private static final String[] CIRCLE = {"--example", "circle", "--backend", "core", "--no-progress"};

    private static String[] train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(List.of(CIRCLE));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @BeforeAll
    static void aModel() {
        model = tmp.resolve("circle.json");
        Cli saved = Cli.run(train("--epochs", "2", "--save", model.toString()));
        assertEquals(0, saved.exitCode(), saved.toString());
    }

    private static Path copyOfModel(String name) throws IOException {
        return Files.copy(model, Files.createDirectories(tmp.resolve(name)).resolve("model.json"));
    }

    @Test
    void a_run_that_diverges_in_its_first_epoch_saves_nothing_over_the_model_and_no_checkpoint() throws IOException {
        Path keep = copyOfModel("diverge-first");
        byte[] before = Files.readAllBytes(keep);
        Path ck = tmp.resolve("diverge-first/ck");
        for (boolean json : new boolean[] {false, true}) {
            Cli r = Cli.run(train("--epochs", "2", "--lr", "1e308", "--save", keep.toString(), "--checkpoint", ck.toString(),
                    json ? "--json" : "--verbose"));
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.out().contains("diverged in epoch 1"), r.out());
            assertTrue(r.out().contains("nothing saved to " + keep + ": no epoch completed"), r.out());
            assertFalse(r.out().contains("saved model to"), r.out());
            assertTrue(r.out().contains("checkpoint: none written to " + ck), r.out());
            assertFalse(r.out().contains("--resume"), "no checkpoint to resume: " + r.out());
            assertArrayEquals(before, Files.readAllBytes(keep), "the model is as it was");
            assertFalse(Files.exists(ck.resolve("model.json")), "the checkpoint wrote no untrained model");
            if (json) {
                JsonNode j = r.lastJson();
                assertEquals("diverged", j.get("stop").asText());
                assertTrue(j.get("model").isNull(), "nothing saved: " + j);
                assertTrue(j.get("checkpoint").isNull(), "nothing checkpointed: " + j);
                assertTrue(j.get("keptEpoch").isNull());
            }
        }
    }

    @Test
    void a_run_that_diverges_later_saves_the_last_good_epoch_and_says_which() throws IOException {
        Path keep = copyOfModel("diverge-later");
        Path ck = tmp.resolve("diverge-later/ck");
        // Saturated sigmoids keep the circle network finite up to a learning rate near the largest double; at 1.3e306
        // its weights overflow in a later epoch (the 5th, with seed 1).
        Cli r = Cli.run(train("--epochs", "30", "--lr", "1.3e306", "--save", keep.toString(), "--checkpoint", ck.toString(), "--json"));
        assertEquals(1, r.exitCode(), r.toString());
        JsonNode j = r.lastJson();
        assertEquals("diverged", j.get("stop").asText(), r.toString());
        int kept = j.get("keptEpoch").asInt();
        assertTrue(kept >= 1, "diverged in a later epoch: " + r.out());
        assertTrue(r.out().contains("diverged in epoch " + (kept + 1)), r.out());
        assertTrue(r.out().contains("saved model to " + keep + " (the parameters after epoch " + kept + ")"), r.out());
        assertEquals(keep.toString(), j.get("model").asText());
        // The saved model is the checkpoint's: the parameters after the last good epoch, bit for bit.
        Model saved = ModelFile.load(keep);
        Model checkpointed = ModelFile.load(ck.resolve("model.json"));
        assertEquals(checkpointed.parameters(), saved.parameters());
        assertEquals(kept, ((Number) saved.training().get("epochs")).intValue());
        assertNotEquals(ModelFile.load(model).parameters(), saved.parameters());
    }

    @Test
    void a_checkpoint_folder_holding_a_model_no_checkpoint_wrote_is_refused_before_training() throws IOException {
        Path mine = copyOfModel("mine").getParent();
        byte[] before = Files.readAllBytes(mine.resolve("model.json"));
        Cli r = Cli.run(train("--epochs", "1", "--checkpoint", mine.toString(), "--json"));
        assertNull(r.failureProblem(), r.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("model.json") && r.err().contains("no checkpoint wrote"), r.err());
        assertFalse(r.out().contains("epoch 1/"), "refused before training: " + r.out());
        assertArrayEquals(before, Files.readAllBytes(mine.resolve("model.json")));
        assertFalse(Files.exists(mine.resolve("checkpoint.json")));

        // The checkpoint's own model.json is no obstacle to going on with the run.
        Path ck = tmp.resolve("own-checkpoint");
        assertEquals(0, Cli.run(train("--epochs", "1", "--checkpoint", ck.toString())).exitCode());
        Cli resumed = Cli.run("train", "--resume", ck.toString(), "--epochs", "2", "--no-progress");
        assertEquals(0, resumed.exitCode(), resumed.toString());
    }

    @Test
    void an_empty_path_is_a_usage_error_for_every_path_option() throws IOException {
        Set<String> before = listing(Paths.get(""));
        String m = model.toString();
        List<String[]> invocations = List.of(
                train("--epochs", "1", "--save", ""), train("--epochs", "1", "--report", ""),
                train("--epochs", "1", "--checkpoint", ""), new String[] {"train", "--resume", "", "--no-progress"},
                new String[] {"train", "--data", "", "--no-progress"},
                new String[] {"eval", "--model", "", "--example", "circle"},
                new String[] {"eval", "--model", m, "--example", "circle", "--report", ""},
                new String[] {"predict", "--model", ""}, new String[] {"predict", "--model", m, "--idx", ""},
                new String[] {"predict", "--model", m, "--csv", ""}, new String[] {"predict", "--model", m, "--idx", m, "--labels", ""},
                new String[] {"predict", "--model", m, ""},
                new String[] {"download", "--dir", ""}, new String[] {"verify", ""},
                new String[] {"diagnose", "--model", ""}, new String[] {"diagnose", "--verify-file", ""},
                new String[] {"bench", "--data", ""});
        List<String> failures = new ArrayList<>();
        for (String[] args : invocations) {
            for (boolean json : new boolean[] {false, true}) {
                List<String> a = new ArrayList<>(List.of(args));
                if (json) {
                    a.add("--json");
                }
                Cli r = Cli.run(a.toArray(String[]::new));
                String problem = r.failureProblem();
                if (problem == null && r.exitCode() != 2) {
                    problem = "exit " + r.exitCode();
                }
                if (problem == null && !r.err().contains("empty")) {
                    problem = "the message does not say the path is empty";
                }
                String option = a.get(a.indexOf("") - 1);
                if (problem == null && option.startsWith("--") && !r.err().contains(option)) {
                    problem = "the message does not name " + option;
                }
                if (problem != null) {
                    failures.add(problem + ": " + r);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
        assertEquals(before, listing(Paths.get("")), "nothing was written to the working folder");

        // A value that is no path at all: a sentence, not Java's InvalidPathException.
        Cli nul = Cli.run(train("--epochs", "1", "--save", "a\0b"));
        assertNull(nul.failureProblem(), nul.toString());
        assertEquals(2, nul.exitCode());
        assertTrue(nul.err().contains("The path given to --save is not a path"), nul.err());
    }

    @Test
    void special_files_are_refused_links_followed_and_permissions_kept() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("special"));
        Path fifo = dir.resolve("fifo.json");
        Fifos.make(fifo);
        Cli r = Cli.run(train("--epochs", "1", "--save", fifo.toString()));
        assertNull(r.failureProblem(), r.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--save " + fifo + " cannot be written: it is a FIFO"), r.err());
        assertFalse(r.out().contains("epoch 1/"), "refused before training: " + r.out());
        assertFalse(Files.isRegularFile(fifo), "still a FIFO");

        Path real = Files.createDirectories(dir.resolve("real"));
        Path target = Files.copy(model, real.resolve("target.json"));
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Paths.get("real", "target.json"));
        r = Cli.run(train("--epochs", "3", "--save", link.toString()));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals(3, ((Number) ModelFile.load(target).training().get("epochs")).intValue(), "the file it points to was replaced");

        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path own = Files.copy(model, dir.resolve("private.json"));
        Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rw-------"));
        r = Cli.run(train("--epochs", "3", "--save", own.toString()));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(own)));
        assertEquals(3, ((Number) ModelFile.load(own).training().get("epochs")).intValue());
    }

    @Test
    void folders_that_take_no_files_are_refused_before_training_or_downloading() throws IOException {
        Path afile = Files.writeString(tmp.resolve("afile"), "x");
        String f = afile.toString();
        // Each invocation, then the path its message must name.
        List<String[]> cases = new ArrayList<>(List.of(
                new String[] {f, "train", "--epochs", "1", "--save", afile.resolve("x.json").toString()},
                new String[] {f, "train", "--epochs", "1", "--report", f},
                new String[] {f, "train", "--epochs", "1", "--checkpoint", f},
                new String[] {f, "download", "--dir", f, "--mirror", "http://127.0.0.1:9/"}));
        if (Files.isDirectory(Paths.get("/proc/self"))) {
            // /proc takes no new files, even for root.
            cases.add(new String[] {"/proc/x.json", "train", "--epochs", "1", "--save", "/proc/x.json"});
            cases.add(new String[] {"/proc/report", "train", "--epochs", "1", "--report", "/proc/report"});
            cases.add(new String[] {"/proc/ck", "train", "--epochs", "1", "--checkpoint", "/proc/ck"});
            cases.add(new String[] {"/proc/report", "eval", "--model", model.toString(), "--report", "/proc/report"});
        }
        List<String> failures = new ArrayList<>();
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of(c).subList(1, c.length));
            if (!args.get(0).equals("download")) {
                args.addAll(List.of(CIRCLE));
            }
            Cli r = Cli.run(args.toArray(String[]::new));
            String problem = r.failureProblem();
            if (problem == null && r.exitCode() != 2) {
                problem = "exit " + r.exitCode();
            }
            if (problem == null && !r.err().contains(c[0])) {
                problem = "the message does not name " + c[0];
            }
            if (problem == null && (r.out().contains("epoch 1/") || r.out().contains("downloaded") || r.out().contains("test accuracy"))) {
                problem = "refused only after work was done";
            }
            if (problem != null) {
                failures.add(problem + ": " + r);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
    }

    private static Set<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
