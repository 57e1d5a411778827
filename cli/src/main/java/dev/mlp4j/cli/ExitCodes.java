package dev.mlp4j.cli;

/** The exit codes every command uses. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Something failed: bad data or model file, a check that did not pass, a backend that broke. */
    public static final int FAILURE = 1;
    /** The command line itself is wrong: unknown option, a value out of range, a network that cannot be built. */
    public static final int USAGE = 2;
    /** Stopped by Ctrl-C (SIGINT) or SIGTERM, after saving what it keeps: 128 + SIGINT, as shells report it. */
    static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
