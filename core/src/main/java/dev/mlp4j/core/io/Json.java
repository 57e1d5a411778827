package dev.mlp4j.core.io;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.MessageText;
import dev.mlp4j.core.Problem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small strict JSON reader (RFC 8259) for model and verify files, so that core needs nothing but the JDK.
 * Objects become {@code Map<String,Object>} (key order kept), arrays {@code List<Object>}, numbers {@code Double},
 * and the rest String, Boolean or null. Errors name the line and column.
 */
public final class Json {
    /** Deeper nesting than any mlp4j file needs; a bound so a hostile file cannot overflow the stack. */
    private static final int MAX_DEPTH = 64;
    /** RFC 8259's number grammar: no leading zeros, digits on both sides of '.', no '+' sign. */
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern HEX4 = Pattern.compile("[0-9a-fA-F]{4}");

    private final String source;
    private final String text;
    private int pos;

    private Json(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /** Parses {@code text}; {@code source} names it (e.g. the file) in error messages. */
    public static Object parse(String source, String text) {
        Json p = new Json(source, text);
        p.skipSpace();
        Object value = p.value(0);
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected text after the JSON value");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= text.length()) {
            throw error("the file ends where a value was expected");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                if (text.startsWith("NaN", pos) || text.startsWith("Infinity", pos)) {
                    throw nonFinite(pos);
                }
                throw error("unexpected character '" + c + "'" + (c == 'N' || c == 'I' ? " (NaN and Infinity are not valid JSON numbers)" : ""));
        }
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        // Where each key was first met: a second one is refused, not left to overwrite the first (RFC 8259 leaves
        // duplicates undefined, and a file whose numbers differ by which copy a reader keeps is read wrong somewhere).
        Map<String, Integer> keyAt = new HashMap<>();
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a quoted key");
            }
            int at = pos;
            String key = string();
            Integer first = keyAt.putIfAbsent(key, at);
            if (first != null) {
                throw duplicate(key, first, at);
            }
            skipSpace();
            expect(':');
            skipSpace();
            map.put(key, value(depth + 1));
            skipSpace();
            char c = next("',' or '}'");
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw error("expected ',' or '}' but found '" + c + "'", pos - 1);
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> list = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value(depth + 1));
            skipSpace();
            char c = next("',' or ']'");
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw error("expected ',' or ']' but found '" + c + "'", pos - 1);
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next("the end of a string");
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                char e = next("an escape");
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length() || !HEX4.matcher(text.substring(pos, pos + 4)).matches()) {
                            throw error("a \\u escape needs 4 hex digits");
                        }
                        try {
                            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape '\\" + e + "'");
                }
            } else if (c < 0x20) {
                throw error("control character in a string");
            } else {
                sb.append(c);
            }
        }
    }

    private Double number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        while (pos < text.length() && "0123456789.eE+-".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String n = text.substring(start, pos);
        if (n.equals("-") && text.startsWith("Infinity", pos)) {
            throw nonFinite(start);
        }
        if (!NUMBER.matcher(n).matches()) {
            throw error("'" + n + "' is not a number", start);
        }
        try {
            double d = Double.parseDouble(n);
            if (Double.isInfinite(d)) {
                throw error("number " + n + " is too large", start);
            }
            return d;
        } catch (NumberFormatException e) {
            throw error("'" + n + "' is not a number", start);
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected text; expected " + word);
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        char got = next("'" + c + "'");
        if (got != c) {
            throw error("expected '" + c + "' but found '" + got + "'", pos - 1);
        }
    }

    private char next(String what) {
        if (pos >= text.length()) {
            throw error("the file ends where " + what + " was expected");
        }
        return text.charAt(pos++);
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private InvalidInputException error(String what) {
        return error(what, pos);
    }

    /** NaN, Infinity or -Infinity at {@code at}, which JSON does not have. */
    private NonFiniteJsonNumberException nonFinite(int at) {
        String word = text.startsWith("NaN", at) ? "NaN" : text.charAt(at) == '-' ? "-Infinity" : "Infinity";
        return new NonFiniteJsonNumberException(source + ": ", notValid("'" + word + "' where a number belongs (NaN and Infinity are not valid JSON numbers)", at));
    }

    private InvalidInputException error(String what, int at) {
        return new InvalidInputException(source + ": ", notValid(what, at), null, null);
    }

    private Problem notValid(String what, int at) {
        return new Problem("not valid JSON at " + place(at) + ": " + what, null, null);
    }

    /** A key given twice in one object: which value counts would be a guess, so neither does. */
    private InvalidInputException duplicate(String key, int first, int at) {
        StringBuilder quoted = new StringBuilder();
        quote(quoted, key);
        return new InvalidInputException(source + ": ", new Problem("the key " + MessageText.value(quoted.toString()) + " appears twice in one object, at "
                + place(first) + " and at " + place(at) + "; which one counts would be a guess, so keep only the one you meant", null, null), null, null);
    }

    /** "line L, column C" of offset {@code at}. */
    private String place(int at) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < Math.min(at, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return "line " + line + ", column " + col;
    }

    /** Appends {@code s} as a JSON string literal. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
