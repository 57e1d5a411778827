package dev.mlp4j.cli.options;

import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {
    @Option(names = "--json", description = "End with one line of JSON on stdout (the command's result).")
    public boolean json;

    @Option(names = "--verbose", description = "Show stack traces with errors, and the log of the libraries underneath (Aparapi's).")
    boolean verbose;
}
