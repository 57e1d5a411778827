package dev.mlp4j.core.io;

import java.util.List;
import java.util.Map;

/**
 * Writes values as JSON for model and checkpoint files. Doubles go out in Java's round-trip form so that reading them gives
 * back the same bits; the non-finite ones, which JSON has no numbers for, as the strings "NaN", "Infinity" and
 * "-Infinity" (a validation cost can be infinite, and a regression run's accuracy is NaN).
 */
public final class JsonWriter {
    private JsonWriter() {
    }

    public static void value(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                Json.quote(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                value(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                value(sb, list.get(i));
            }
            sb.append(']');
        } else if (v instanceof Double || v instanceof Float) {
            number(sb, ((Number) v).doubleValue());
        } else if (v instanceof Number n) {
            sb.append(n.longValue());
        } else if (v instanceof Boolean b) {
            sb.append(b);
        } else if (v instanceof double[] a) {
            numbers(sb, a, 0, a.length);
        } else if (v instanceof int[] a) {
            sb.append('[');
            for (int i = 0; i < a.length; i++) {
                sb.append(i == 0 ? "" : ",").append(a[i]);
            }
            sb.append(']');
        } else {
            Json.quote(sb, v.toString());
        }
    }

    public static void number(StringBuilder sb, double d) {
        if (Double.isNaN(d)) {
            sb.append("\"NaN\"");
        } else if (Double.isInfinite(d)) {
            sb.append(d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        } else {
            sb.append(d);
        }
    }

    public static void numbers(StringBuilder sb, double[] a, int from, int to) {
        sb.append('[');
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append(',');
            }
            number(sb, a[i]);
        }
        sb.append(']');
    }
}
