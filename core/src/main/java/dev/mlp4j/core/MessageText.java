package dev.mlp4j.core;

/**
 * Text from a user's files and command line as a message shows it: control characters escaped, so a NUL or an
 * escape sequence never reaches the terminal raw, and long values cut, so that one sentence stays one readable line
 * (a model with a million layers once gave an error two megabytes long).
 */
public final class MessageText {
    /** The most characters of one quoted value a message shows. */
    public static final int MAX_VALUE_CHARS = 200;
    /** The most characters of a whole message; longer ones keep their beginning and their end (the fix). */
    public static final int MAX_MESSAGE_CHARS = 2000;
    private static final String CUT = "…";

    private MessageText() {
    }

    /** {@code s} with control characters escaped and, past {@link #MAX_VALUE_CHARS}, cut with "…" and its length. */
    public static String value(String s) {
        String printable = printable(s);
        if (printable.length() <= MAX_VALUE_CHARS) {
            return printable;
        }
        return printable.substring(0, MAX_VALUE_CHARS) + CUT + " (" + printable.length() + " characters)";
    }

    /**
     * A whole message fit for one line: control characters escaped, and past {@link #MAX_MESSAGE_CHARS} its middle
     * left out, since the file comes first and the fix last.
     */
    public static String line(String message) {
        String printable = printable(message);
        if (printable.length() <= MAX_MESSAGE_CHARS) {
            return printable;
        }
        int head = MAX_MESSAGE_CHARS * 2 / 3;
        int tail = MAX_MESSAGE_CHARS - head;
        return printable.substring(0, head) + " " + CUT + " (" + (printable.length() - head - tail) + " characters left out) " + CUT + " "
                + printable.substring(printable.length() - tail);
    }

    /** {@code s} with C0 and C1 control characters (NUL, ESC, newline, DEL, ...) written as \\uXXXX. */
    public static String printable(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
            if (control && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (control) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
