package dev.mlp4j.cli.reliability;

import dev.mlp4j.core.testing.Fifos;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlp4j.cli.Main;
import dev.mlp4j.core.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * train's outputs against each other and against what stands in their folders: files a report or checkpoint
 * writes are checked before training, outputs that would write over each other are refused, a model file, a report
 * folder and a checkpoint folder are one run's at a time, and a write that fails mid-run keeps the epochs trained.
 */
class OutputClashesTest {
    @TempDir
    Path tmp;

    private static Cli train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--example", "circle", "--backend", "core", "--no-progress", "--epochs", "2"));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private static void refused(Cli r, String... says) {
        assertNull(r.failureProblem(), r.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertFalse(r.out().contains("epoch 1/"), "refused before training: " + r.out());
        for (String s : says) {
            assertTrue(r.err().contains(s), "'" + s + "' in " + r.err());
        }
    }

    @Test
    void a_folder_or_fifo_under_a_name_the_report_writes_is_refused_before_training() throws Exception {
        Path rep = tmp.resolve("rep2");
        Files.createDirectories(rep.resolve("metrics.csv"));
        Path save = tmp.resolve("rs2.json");
        refused(train("--report", rep.toString(), "--save", save.toString(), "--checkpoint", tmp.resolve("ckr2").toString()),
                "--report " + rep + " cannot be used: the report writes " + rep.resolve("metrics.csv") + ", and it is a folder");
        assertFalse(Files.exists(tmp.resolve("ckr2/checkpoint.json")));

        Path rep1 = Files.createDirectories(tmp.resolve("rep1"));
        Fifos.make(rep1.resolve("index.html"));
        refused(train("--report", rep1.toString()), "the report writes " + rep1.resolve("index.html") + ", and it is a FIFO");
    }

    @Test
    void outputs_that_would_write_over_each_other_are_refused_before_training() throws IOException {
        Path clash = tmp.resolve("clash");
        refused(train("--checkpoint", clash.toString(), "--save", clash.resolve("checkpoint.json").toString()),
                "--save " + clash.resolve("checkpoint.json") + " is a file --checkpoint " + clash + " writes too; give --save another path.");
        Path rr = tmp.resolve("rr");
        refused(train("--save", rr.resolve("index.html").toString(), "--report", rr.toString()),
                "is a file --report " + rr + " writes too");
        refused(train("--save", rr.toString(), "--report", rr.toString()), "--report " + rr + " needs a folder where --save " + rr + " writes a file");
        refused(train("--save", tmp.resolve("x/../rr/metrics.csv").toString(), "--report", rr.toString()), "writes too");
        assertFalse(Files.exists(rr.resolve("index.html")));
        // Folders whose files do not clash may be shared.
        Cli shared = train("--report", tmp.resolve("both").toString(), "--checkpoint", tmp.resolve("both").toString());
        assertEquals(0, shared.exitCode(), shared.toString());
    }

    @Test
    void a_save_path_ending_in_a_slash_names_a_folder() {
        String given = tmp.resolve("nonexist") + "/";
        refused(train("--save", given), "--save " + given + " is a folder; name a file");
        assertFalse(Files.exists(tmp.resolve("nonexist")));
    }

    @Test
    @SuppressWarnings("try") // the lock only has to be held while the block runs
    void a_checkpoint_folder_another_run_holds_is_refused() throws IOException {
        Path ck = Files.createDirectories(tmp.resolve("ck"));
        try (FileChannel other = FileChannel.open(ck.resolve("checkpoint.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = other.lock()) {
            Cli r = train("--checkpoint", ck.toString());
            assertNull(r.failureProblem(), r.toString());
            assertTrue(r.err().contains("Another mlp4j run is writing its checkpoints to " + ck), r.err());
            assertFalse(r.out().contains("epoch 1/"), r.out());
        }
        Cli free = train("--checkpoint", ck.toString());
        assertEquals(0, free.exitCode(), "the lock is released when a run ends: " + free);
        Cli again = Cli.run("train", "--resume", ck.toString(), "--epochs", "3", "--no-progress");
        assertEquals(0, again.exitCode(), again.toString());
    }

    /**
     * A second run while a first (a child JVM) trains with --save, --report and --checkpoint: the same --save file, the
     * same --report folder, and a --save file the first run's checkpoint writes are refused before training; they
     * used to be accepted, and the last run to write won without a word.
     */
    @Test
    void outputs_another_run_is_writing_are_refused_before_training() throws Exception {
        Path same = tmp.resolve("same.json");
        Path rep = tmp.resolve("rep");
        Path ck = tmp.resolve("ck");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process first = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--example", "circle", "--backend", "core", "--epochs", "1000000", "--no-progress",
                "--save", same.toString(), "--report", rep.toString(), "--checkpoint", ck.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("first.txt").toFile()).start();
        try {
            awaitLine(first, tmp.resolve("first.txt"), "epoch 1/");
            Cli save = train("--save", same.toString());
            assertNull(save.failureProblem(), save.toString());
            assertEquals(List.of("error: Another mlp4j run will save its model to " + same
                    + "; wait for it to end, or give this run another --save file."), save.errLines());
            Cli report = train("--report", rep.toString());
            assertEquals(List.of("error: Another mlp4j run is writing its report to " + rep
                    + " now; wait for it to end, or give this run another --report folder."), report.errLines());
            Cli intoCheckpoint = train("--save", ck.resolve("model.json").toString());
            assertEquals(List.of("error: Another mlp4j run is writing its checkpoints to " + ck + ", which include "
                    + ck.resolve("model.json") + "; wait for it to end, or give --save another file."), intoCheckpoint.errLines());
            for (Cli r : List.of(save, report, intoCheckpoint)) {
                assertEquals(1, r.exitCode(), r.toString());
                assertFalse(r.out().contains("epoch 1/"), "refused before training: " + r.out());
            }
        } finally {
            assertTrue(first.toHandle().destroy() || !first.isAlive());
            assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the first run did not stop");
        }
        // The first run's model is its own, and it leaves no lock beside it.
        assertEquals(ModelFile.load(ck.resolve("model.json")).parameters(), ModelFile.load(same).parameters());
        assertFalse(Files.exists(tmp.resolve("same.json.lock")), "the lock file is removed when the run ends");
        assertFalse(Files.exists(rep.resolve("report.lock")), "the lock file is removed when the run ends");
        Cli after = train("--save", same.toString(), "--report", rep.toString());
        assertEquals(0, after.exitCode(), "free once the first run has ended: " + after);
    }

    @Test
    @SuppressWarnings("try") // the lock only has to be held while the block runs
    void a_checkpoint_folder_holding_the_file_another_run_saves_to_is_refused() throws IOException {
        Path ck = Files.createDirectories(tmp.resolve("ck"));
        try (FileChannel other = FileChannel.open(ck.resolve("model.json.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = other.lock()) {
            Cli r = train("--checkpoint", ck.toString());
            assertNull(r.failureProblem(), r.toString());
            assertEquals(List.of("error: Another mlp4j run will save its model to " + ck.resolve("model.json")
                    + ", a file the checkpoint writes; wait for it to end, or give this run another --checkpoint folder."), r.errLines());
            assertFalse(Files.exists(ck.resolve("checkpoint.json")));
        }
    }

    @Test
    void a_save_file_whose_name_is_as_long_as_allowed_is_locked_under_a_shorter_name() throws IOException {
        Path longest = tmp.resolve("m".repeat(250) + ".json");
        Cli r = train("--save", longest.toString());
        assertEquals(0, r.exitCode(), r.toString());
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(longest), left.toList(), "the model, and no lock file left");
        }
    }

    private static void awaitLine(Process p, Path output, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(output, StandardCharsets.UTF_8).contains(line)) {
            assertTrue(p.isAlive(), "the first run ended: " + Files.readString(output, StandardCharsets.UTF_8));
            assertTrue(System.nanoTime() < deadline, "the first run never printed " + line);
            Thread.sleep(20);
        }
    }

    @Test
    void messages_about_checkpoints_say_what_is_there_and_only_suggest_resumes_that_work() throws IOException {
        Path fk5 = Files.createDirectories(tmp.resolve("fk5"));
        Files.writeString(fk5.resolve("checkpoint.json"), "{\"hello\":1}");
        Cli foreign = train("--checkpoint", fk5.toString());
        refused(foreign, fk5 + " holds a checkpoint.json that is not an mlp4j checkpoint");
        assertFalse(foreign.err().contains("--resume"), foreign.err());

        Path spaced = tmp.resolve("ck dir ü");
        Cli quoted = train("--checkpoint", spaced.toString());
        assertTrue(quoted.out().contains("continue with --resume '" + spaced + "')"), quoted.out());
        Cli nothing = Cli.run("train", "--resume", spaced.toString(), "--checkpoint", tmp.resolve("other").toString(), "--no-progress");
        assertEquals(0, nothing.exitCode(), nothing.toString());
        assertTrue(nothing.out().contains("checkpoint: none written to " + tmp.resolve("other") + " (nothing was trained in this run; "
                + "the checkpoint in " + spaced + " is unchanged)"), nothing.out());

        // Stops early at once: a learning rate too small to change a parameter leaves the cost as it was, so patience 1
        // ends the run after its second epoch.
        Path early = tmp.resolve("ckpat");
        Cli stopped = Cli.run("train", "--example", "circle", "--backend", "core", "--no-progress", "--checkpoint", early.toString(),
                "--epochs", "50", "--patience", "1", "--lr", "1e-300");
        assertTrue(stopped.out().contains("Stopped early"), stopped.toString());
        assertFalse(stopped.out().contains("--resume"), "a resume of it is refused: " + stopped.out());
    }

    /**
     * A checkpoint whose first write fails (ulimit -f 2 lets the 1.5 KiB model be written but not the 3.6 KiB
     * checkpoint) after epoch 1 completed: the end line used to say "no epoch completed".
     */
    @Test
    void a_checkpoint_whose_first_write_fails_says_so_not_that_no_epoch_completed() throws Exception {
        assumeTrue(Files.isExecutable(Paths.get("/bin/bash")), "bash is needed");
        Path ck = tmp.resolve("ck");
        Path saved = tmp.resolve("saved.json");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "ulimit -f 2 && exec \"$0\" -Xmx256m -XX:-UsePerfData -cp \"$1\" " + Main.class.getName()
                + " train --example circle --backend core --epochs 5 --checkpoint \"$2\" --save \"$3\" --no-progress";
        Process p = new ProcessBuilder("/bin/bash", "-c", cmd, java, System.getProperty("java.class.path"), ck.toString(), saved.toString())
                .redirectError(tmp.resolve("err.txt").toFile()).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not end");
        String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
        String err = Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), out + err);
        assertTrue(err.startsWith("error: Cannot write the checkpoint to " + ck + ": File too large"), err);
        assertTrue(out.contains("checkpoint: none written to " + ck + " (writing it after epoch 1 failed; no epoch is checkpointed)"), out);
        assertFalse(out.contains("no epoch completed"), out);
        assertTrue(out.contains("saved model to " + saved + " (the parameters after epoch 1)"), out);
    }

    @Test
    void a_checkpoint_write_that_fails_mid_run_stops_training_and_keeps_the_epochs_trained() throws Exception {
        // RLIMIT_FSIZE (ulimit -f, KiB) lets the model (1.5 KiB) be written but not the checkpoint once its history
        // has grown past 8 KiB (about epoch 15): the same failure as a full disk, at an epoch fixed by sizes, not time.
        assumeTrue(Files.isExecutable(Paths.get("/bin/bash")), "bash is needed");
        Path ck = tmp.resolve("ck");
        Path saved = tmp.resolve("saved.json");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "ulimit -f 8 && exec \"$0\" -Xmx256m -cp \"$1\" " + Main.class.getName() + " train --example circle --backend core"
                + " --epochs 60 --checkpoint \"$2\" --save \"$3\" --json --no-progress";
        Process p = new ProcessBuilder("/bin/bash", "-c", cmd, java, System.getProperty("java.class.path"), ck.toString(), saved.toString())
                .redirectError(tmp.resolve("err.txt").toFile()).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not end");
        String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
        String err = Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), out + err);
        String[] lines = out.strip().split("\\R");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals("cancelled", json.get("stop").asText(), out);
        assertEquals(1, json.get("exitCode").asInt());
        int kept = json.get("keptEpoch").asInt();
        assertTrue(kept > 1 && kept < 60, out);
        int inCheckpoint = kept - 1;
        String error = json.get("error").asText();
        assertTrue(error.startsWith("Cannot write the checkpoint to " + ck + ": File too large"), error);
        assertTrue(error.contains("Training stopped after epoch " + kept + "; keeping the parameters after epoch " + kept + "."), error);
        assertTrue(error.contains("The model is saved in " + saved + "."), error);
        assertTrue(error.contains("The checkpoint in " + ck + " holds epoch " + inCheckpoint + "; continue with --resume " + ck + "."), error);
        assertEquals(List.of("error: " + error), List.of(err.strip().split("\\R")), "one line on stderr");
        assertEquals(saved.toString(), json.get("model").asText());
        assertEquals(kept, ((Number) ModelFile.load(saved).training().get("epochs")).intValue());

        Cli resumed = Cli.run("train", "--resume", ck.toString(), "--epochs", String.valueOf(kept + 1), "--no-progress", "--json");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertEquals(inCheckpoint, resumed.lastJson().get("resumedAfterEpoch").asInt());
    }
}
