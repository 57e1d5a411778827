package dev.mlp4j.cli.train.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlp4j.cli.CliRun;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.train.TrainingState;
import dev.mlp4j.core.train.checkpoint.CheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run resumed from a checkpoint ends with exactly the parameters of one that never stopped: momentum velocities,
 * dropout masks, shuffles and the learning-rate schedule all carry over.
 */
class CheckpointResumeTest {
    /** Momentum, dropout and a decaying rate: every piece of state a resume could lose shows in the result. */
    private static final String[] SETTINGS = {"train", "--example", "circle", "--backend", "core", "--seed", "7", "--batch", "16",
        "--momentum", "0.5", "--dropout", "0.1", "--lr-schedule", "step:0.5:2", "--no-progress"};

    private static CliRun train(String... extra) {
        List<String> args = new ArrayList<>(Arrays.asList(SETTINGS));
        args.addAll(Arrays.asList(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void resuming_after_epoch_3_ends_bit_for_bit_where_an_uninterrupted_run_does(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole.json");
        CliRun uninterrupted = train("--epochs", "6", "--save", whole.toString(), "--checkpoint", dir.resolve("whole-ck").toString(), "--json");
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());

        Path ck = dir.resolve("ck");
        CliRun first = train("--epochs", "3", "--checkpoint", ck.toString(), "--json");
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(3, CheckpointFile.load(ck).state().epochsDone());
        assertTrue(Files.isRegularFile(ck.resolve("model.json")));

        Path resumed = dir.resolve("resumed.json");
        CliRun second = CliRun.of("train", "--resume", ck.toString(), "--epochs", "6", "--backend", "core", "--save", resumed.toString(),
                "--no-progress", "--json");
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("resuming " + ck + " after epoch 3"), second.out());
        assertFalse(second.out().contains("epoch 3/6"), "epochs 1-3 are not trained again");
        assertTrue(second.out().contains("epoch 4/6"), second.out());
        JsonNode json = second.json();
        assertEquals(3, json.get("resumedAfterEpoch").asInt());
        assertEquals(6, json.get("epochs").asInt(), "the history carries on from the checkpoint");

        assertEquals(ModelFile.load(whole).parameters(), ModelFile.load(resumed).parameters(), "parameters equal to the bit");
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(resumed), "the saved model files are identical");
        TrainingState a = CheckpointFile.load(dir.resolve("whole-ck")).state();
        TrainingState b = CheckpointFile.load(ck).state();
        assertEquals(6, b.epochsDone());
        assertEquals(a.velocities(), b.velocities(), "momentum velocities too");
        assertNotEquals(new Parameters(a.velocities().spec()), a.velocities(), "momentum was in use");
        assertEquals(uninterrupted.json().get("testAccuracy").asDouble(), json.get("testAccuracy").asDouble());
    }

    @Test
    void resume_reads_the_settings_from_the_checkpoint_and_trains_to_its_epoch_count(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole.json");
        assertEquals(0, train("--epochs", "5", "--save", whole.toString()).exitCode());
        Path ck = dir.resolve("ck");
        assertEquals(0, train("--epochs", "2", "--checkpoint", ck.toString()).exitCode());
        // What a 5-epoch run killed after epoch 2 leaves: the same state, with 5 epochs planned.
        Path file = CheckpointFile.file(ck);
        String text = Files.readString(file);
        assertTrue(text.contains("\"epochs\": 2,"), "settings hold the epoch count");
        Files.writeString(file, text.replace("\"epochs\": 2,", "\"epochs\": 5,"));

        Path resumed = dir.resolve("resumed.json");
        CliRun r = CliRun.of("train", "--resume", ck.toString(), "--save", resumed.toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("epoch 5/5"), r.out());
        assertTrue(r.out().contains("lr 3.0 x 0.5 every 2 epochs, momentum 0.5, dropout 0.1, seed 7"), "settings from the checkpoint: " + r.out());
        assertEquals(ModelFile.load(whole).parameters(), ModelFile.load(resumed).parameters());
    }

    @Test
    void options_that_contradict_the_checkpoint_are_usage_errors_but_agreeing_ones_are_not(@TempDir Path dir) {
        Path ck = dir.resolve("ck");
        assertEquals(0, train("--epochs", "2", "--checkpoint", ck.toString()).exitCode());

        CliRun lr = CliRun.of("train", "--resume", ck.toString(), "--lr", "0.1", "--no-progress");
        assertEquals(2, lr.exitCode());
        assertTrue(lr.err().contains("--lr contradicts the checkpoint, which was trained with lr 3.0"), lr.err());
        assertEquals(1, lr.err().strip().lines().count(), "one sentence: " + lr.err());

        CliRun seed = CliRun.of("train", "--resume", ck.toString(), "--seed", "8", "--no-progress");
        assertEquals(2, seed.exitCode());
        assertTrue(seed.err().contains("--seed contradicts"), seed.err());

        CliRun layers = CliRun.of("train", "--resume", ck.toString(), "--layers", "2,4,1", "--no-progress");
        assertEquals(2, layers.exitCode());
        assertTrue(layers.err().contains("--layers contradicts the checkpoint, which was trained with layers 2,5,5,1"), layers.err());

        CliRun data = CliRun.of("train", "--resume", ck.toString(), "--example", "identity", "--no-progress");
        assertEquals(2, data.exitCode());

        CliRun fewer = CliRun.of("train", "--resume", ck.toString(), "--epochs", "1", "--no-progress");
        assertEquals(2, fewer.exitCode());
        assertTrue(fewer.err().contains("fewer than the 2 epochs"), fewer.err());

        CliRun agreeing = CliRun.of("train", "--resume", ck.toString(), "--seed", "7", "--momentum", "0.5", "--example", "circle",
                "--epochs", "3", "--backend", "core", "--no-progress");
        assertEquals(0, agreeing.exitCode(), agreeing.err());
        assertEquals(3, CheckpointFile.load(ck).state().epochsDone(), "the resumed run goes on checkpointing into its folder");
    }

    @Test
    void a_fresh_run_refuses_to_overwrite_another_runs_checkpoint_and_a_missing_one_is_named(@TempDir Path dir) {
        Path ck = dir.resolve("ck");
        assertEquals(0, train("--epochs", "1", "--checkpoint", ck.toString()).exitCode());
        CliRun again = train("--epochs", "1", "--checkpoint", ck.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("already holds a checkpoint; continue that run with --resume"), again.err());

        CliRun missing = CliRun.of("train", "--resume", dir.resolve("nothing").toString(), "--json");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("no checkpoint there"), missing.err());
        assertTrue(missing.json().get("error").asText().contains("no checkpoint there"));
        assertFalse(missing.err().contains("Exception"), "no stack trace: " + missing.err());
    }

    @Test
    void the_resumed_folder_named_again_as_checkpoint_in_another_spelling_is_the_same_folder(@TempDir Path dir) {
        Path ck = dir.resolve("ck");
        assertEquals(0, train("--epochs", "1", "--checkpoint", ck.toString()).exitCode());
        Path sameFolder = dir.resolve("ck/../ck");
        CliRun resumed = CliRun.of("train", "--resume", ck.toString(), "--checkpoint", sameFolder.toString(), "--epochs", "2",
                "--no-progress");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("epoch 2/2"), resumed.out());
    }
}
