package dev.mlp4j.cli;

/** The arguments as given, for error reporting when parsing failed before options were known. */
final class RawArgs {
    private static volatile String[] args = new String[0];

    private RawArgs() {
    }

    static void set(String[] a) {
        args = a.clone();
    }

    static String[] get() {
        return args;
    }
}
