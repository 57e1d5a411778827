package dev.mlp4j.cli.progress;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The terminal bar's line: time, rate and time left even for work shorter than a second, within the width. */
class BarTextTest {
    private static final long MILLI = 1_000_000L;

    @Test
    void an_epoch_shorter_than_a_second_shows_its_time_rate_and_time_left() {
        String line = BarText.line("epoch 3/300", 350, 700, 250 * MILLI, "examples", null, 120);
        assertTrue(line.startsWith("epoch 3/300  50% ["), line);
        assertTrue(line.endsWith(" 350 of 700 examples, 0.3 s, 1,400 examples/s, 0.3 s left"), line);
        assertFalse(line.contains("?") || line.contains("0:00:00"), line);
        assertTrue(line.length() <= 120, line);
    }

    @Test
    void before_any_work_no_rate_is_shown_rather_than_a_stall() {
        String line = BarText.line("epoch 1/30", 0, 50_000, 0, "examples", null, 100);
        assertTrue(line.endsWith(" 0 of 50,000 examples, 0.0 s"), line);
    }

    @Test
    void a_note_bytes_and_long_times_read_as_in_the_log_lines() {
        String line = BarText.line("train-images-idx3-ubyte.gz", 1L << 20, 100L << 20, 10_000 * MILLI, "bytes", " scoring", 150);
        assertTrue(line.endsWith(" 1.0 of 100.0 MB, 10 s, 0.1 MB/s, 16 min 30 s left (scoring)"), line);
    }

    @Test
    void a_narrow_terminal_gets_the_text_without_the_bar_and_never_more_than_its_width() {
        String line = BarText.line("epoch 3/300", 350, 700, 250 * MILLI, "examples", null, 60);
        assertFalse(line.contains("["), line);
        assertEquals(60, line.length(), line);
        String unknownTotal = BarText.line("download", 2L << 20, 0, 2_000 * MILLI, "bytes", null, 80);
        assertEquals("download 2.0 MB, 2.0 s, 1.0 MB/s", unknownTotal);
    }
}
