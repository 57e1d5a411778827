package dev.mlp4j.cli.progress;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain progress lines: none for short work, then one per interval with rate and time left, and a last one. */
class LineProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void work_shorter_than_the_interval_prints_nothing() {
        StringWriter text = new StringWriter();
        AtomicLong clock = new AtomicLong();
        try (LineProgress p = new LineProgress(new PrintWriter(text), "epoch 1/3", 1000, "examples", clock::get, 10 * SECOND)) {
            clock.addAndGet(9 * SECOND);
            p.advance(1000);
        }
        assertEquals("", text.toString());
    }

    @Test
    void long_work_prints_percent_rate_and_time_left_then_a_final_line() {
        StringWriter text = new StringWriter();
        AtomicLong clock = new AtomicLong();
        LineProgress p = new LineProgress(new PrintWriter(text), "epoch 2/30", 50_000, "examples", clock::get, 10 * SECOND);
        clock.addAndGet(10 * SECOND);
        p.advance(10_000);
        clock.addAndGet(SECOND);
        p.advance(1_000);
        p.note("scoring");
        clock.addAndGet(9 * SECOND);
        p.advance(9_000);
        String[] lines = text.toString().split("\n");
        assertEquals(2, lines.length, text.toString());
        assertEquals("epoch 2/30: 20% (10,000 of 50,000 examples), 1,000 examples/s, about 40 s left", lines[0]);
        assertEquals("epoch 2/30: 40% (20,000 of 50,000 examples), 1,000 examples/s, about 30 s left (scoring)", lines[1]);
        p.close();
        assertTrue(text.toString().split("\n")[2].startsWith("epoch 2/30: 40% (20,000"), text.toString());
    }

    @Test
    void bytes_are_shown_in_megabytes_and_long_waits_in_minutes() {
        StringWriter text = new StringWriter();
        AtomicLong clock = new AtomicLong();
        LineProgress p = new LineProgress(new PrintWriter(text), "train-images-idx3-ubyte.gz", 100L << 20, "bytes", clock::get, SECOND);
        clock.addAndGet(10 * SECOND);
        p.advance(1L << 20);
        assertEquals("train-images-idx3-ubyte.gz: 1% (1.0 of 100.0 MB), 0.1 MB/s, about 16 min 30 s left\n", text.toString());
    }

    @Test
    void a_display_that_is_off_shows_nothing() {
        try (Progress p = ProgressDisplay.none().start("x", 10, "examples")) {
            p.advance(10);
        }
        assertEquals(ProgressDisplay.Mode.NONE, ProgressDisplay.forConsole(new PrintWriter(new StringWriter()), false).mode());
        // Tests run without a console, so the default is lines, never a bar that would need a terminal.
        assertEquals(ProgressDisplay.Mode.LINES, ProgressDisplay.forConsole(new PrintWriter(new StringWriter()), true).mode());
    }
}
