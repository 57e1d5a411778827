package dev.mlp4j.cli.progress;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * Decides how progress is shown: a live bar with rate and ETA when a person watches a terminal, a line every few
 * seconds when the output goes to a file or pipe (so a log still tells how far a long run is), nothing when asked.
 * Progress goes to stderr only, so stdout (and the JSON line --json ends it with) stays clean.
 */
public final class ProgressDisplay {
    /** How often plain lines appear; short work finishes before the first and prints none. */
    static final long LINE_INTERVAL_NANOS = 10_000_000_000L;

    public enum Mode { BAR, LINES, NONE }

    private final Mode mode;
    private final PrintWriter lines;
    private final PrintStream terminal;

    private ProgressDisplay(Mode mode, PrintWriter lines, PrintStream terminal) {
        this.mode = mode;
        this.lines = lines;
        this.terminal = terminal;
    }

    /** A bar when the JVM has a console (stdin and stdout are a terminal), else lines on {@code err}. */
    public static ProgressDisplay forConsole(PrintWriter err, boolean enabled) {
        if (!enabled) {
            return none();
        }
        return System.console() != null ? new ProgressDisplay(Mode.BAR, err, System.err) : new ProgressDisplay(Mode.LINES, err, null);
    }

    public static ProgressDisplay lines(PrintWriter err) {
        return new ProgressDisplay(Mode.LINES, err, null);
    }

    public static ProgressDisplay none() {
        return new ProgressDisplay(Mode.NONE, null, null);
    }

    public Mode mode() {
        return mode;
    }

    /** Starts showing work of {@code total} units (e.g. "examples", "bytes"); a total of 0 or less means unknown. */
    public Progress start(String task, long total, String unit) {
        return switch (mode) {
            case BAR -> new TerminalProgress(terminal, task, total, unit);
            case LINES -> new LineProgress(lines, task, total, unit, System::nanoTime, LINE_INTERVAL_NANOS);
            case NONE -> Progress.none();
        };
    }
}
