package dev.mlp4j.cli.options;

import dev.mlp4j.cli.progress.ProgressDisplay;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** --no-progress, and the display every long-running command shows its progress on (stderr only). */
public final class ProgressOption {
    @Option(names = "--no-progress", description = "Show no progress (by default: a bar on a terminal, a line every 10 s otherwise, on stderr).")
    boolean off;

    public ProgressDisplay display(PrintWriter err) {
        return ProgressDisplay.forConsole(err, !off);
    }
}
