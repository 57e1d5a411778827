package dev.mlp4j.cli.train;

import dev.mlp4j.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the end of a run says about its checkpoint never points at a resume that cannot go on. */
class RunEndMessagesTest {

    @Test
    void a_diverged_run_suggests_no_resume_and_prints_huge_costs_with_an_exponent(@TempDir Path dir) {
        Path ck = dir.resolve("ck");
        // On core the circle overflows in epoch 5 at this rate, after four epochs a checkpoint keeps.
        CliRun r = CliRun.of("train", "--example", "circle", "--backend", "core", "--lr", "1.3e306", "--epochs", "10",
                "--checkpoint", ck.toString(), "--no-progress");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.out().contains("before the divergence"), r.out());
        assertFalse(r.out().contains("continue with --resume"), r.out());
        assertTrue(Pattern.compile("cost \\d\\.\\d{4}e\\+\\d+ ").matcher(r.out()).find(), r.out());
        assertTrue(r.out().lines().allMatch(l -> l.length() < 200), r.out());
    }

    @Test
    void resuming_a_finished_run_says_nothing_was_trained_and_the_checkpoint_is_unchanged(@TempDir Path dir) {
        Path ck = dir.resolve("ck");
        CliRun first = CliRun.of("train", "--example", "circle", "--backend", "core", "--epochs", "3",
                "--checkpoint", ck.toString(), "--no-progress");
        assertEquals(0, first.exitCode(), first.err());
        CliRun again = CliRun.of("train", "--resume", ck.toString(), "--no-progress");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("Nothing to train: all 3 epochs were done before."), again.out());
        assertTrue(again.out().contains("checkpoint: " + ck + " (unchanged: this run trained no epoch; it holds epoch 3)"), again.out());
        assertFalse(again.out().contains("continue with --resume"), again.out());
    }
}
