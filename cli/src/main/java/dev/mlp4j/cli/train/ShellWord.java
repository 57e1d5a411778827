package dev.mlp4j.cli.train;

/**
 * A path as a shell takes it back, for the commands mlp4j suggests ("continue with --resume DIR"): as it is where
 * every character is plain, else in single quotes, so a name with a space or a quote can be pasted as shown.
 */
final class ShellWord {
    private ShellWord() {
    }

    static String of(Object path) {
        String s = String.valueOf(path);
        if (!s.isEmpty() && s.matches("[\\p{L}\\p{N}_./:@%+=,-]+") && !s.startsWith("-")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
