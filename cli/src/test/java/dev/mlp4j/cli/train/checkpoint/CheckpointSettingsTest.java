package dev.mlp4j.cli.train.checkpoint;

import dev.mlp4j.cli.CliRun;
import dev.mlp4j.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A checkpoint whose settings training cannot use is a damaged file (exit 1, the file and field named), not a bad option. */
class CheckpointSettingsTest {

    /** A one-epoch checkpoint of the circle example with {@code from} replaced by {@code to} in checkpoint.json. */
    private static Path damaged(Path dir, String from, String to) throws Exception {
        Path ck = dir.resolve("ck");
        CliRun first = CliRun.of("train", "--example", "circle", "--epochs", "1", "--backend", "core", "--checkpoint", ck.toString(), "--no-progress");
        assertEquals(0, first.exitCode(), first.err());
        Path file = ck.resolve("checkpoint.json");
        String text = Files.readString(file);
        assertTrue(text.contains(from), text);
        Files.writeString(file, text.replace(from, to));
        return ck;
    }

    @Test
    void a_batch_of_zero_names_the_checkpoint_and_the_field(@TempDir Path dir) throws Exception {
        Path ck = damaged(dir, "\"batch\": 10", "\"batch\": 0");
        CliRun r = CliRun.of("train", "--resume", ck.toString(), "--epochs", "2", "--no-progress", "--json");
        assertEquals(ExitCodes.FAILURE, r.exitCode(), r.err());
        assertTrue(r.err().contains(ck.resolve("checkpoint.json").toString()) && r.err().contains("'context.settings.batch' is 0"), r.err());
        assertFalse(r.err().contains("try --batch"), "the fix is not an option: " + r.err());
        assertEquals(ExitCodes.FAILURE, r.json().get("exitCode").asInt());
    }

    @Test
    void an_unknown_schedule_names_the_checkpoint_and_the_field(@TempDir Path dir) throws Exception {
        Path ck = damaged(dir, "\"lrSchedule\": \"constant\"", "\"lrSchedule\": \"bogus\"");
        CliRun r = CliRun.of("train", "--resume", ck.toString(), "--epochs", "2", "--no-progress");
        assertEquals(ExitCodes.FAILURE, r.exitCode(), r.err());
        assertTrue(r.err().contains("checkpoint.json: 'context.settings.lrSchedule' is \"bogus\""), r.err());
        assertFalse(r.err().contains("Cannot read --lr-schedule"), r.err());
    }

    @Test
    void a_negative_inverse_decay_says_the_decay_must_not_be_negative() {
        CliRun r = CliRun.of("train", "--example", "circle", "--epochs", "1", "--backend", "core", "--lr-schedule", "inverse:-1", "--no-progress");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains("the decay must be a number of 0 or more, not -1"), r.err());
    }
}
