package dev.mlp4j.core.io;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;

import java.util.List;
import java.util.Map;

/**
 * Typed access to parsed JSON with errors that name the file and the field path (e.g. {@code weights[1][3]}), so
 * a user can find the offending spot in their file.
 */
public final class JsonFields {
    private final String source;

    public JsonFields(String source) {
        this.source = source;
    }

    public String source() {
        return source;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> object(Object node, String path) {
        if (node instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw fail(path, "should be an object {…}");
    }

    public Object required(Map<String, Object> obj, String key, String path) {
        if (!obj.containsKey(key) || obj.get(key) == null) {
            throw fail(join(path, key), "is missing");
        }
        return obj.get(key);
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(Object node, String path) {
        if (node instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw fail(path, "should be an array […]");
    }

    public String string(Object node, String path) {
        if (node instanceof String s) {
            return s;
        }
        throw fail(path, "should be a string");
    }

    public double number(Object node, String path) {
        if (node instanceof Double d) {
            return d;
        }
        if (node == null) {
            // Where a number was computed, null is most often a NaN that JavaScript wrote.
            throw fail(path, "is null, not a number (JSON.stringify writes NaN and Infinity as null: was it one?)");
        }
        throw fail(path, "should be a number");
    }

    public boolean bool(Object node, String path) {
        if (node instanceof Boolean b) {
            return b;
        }
        throw fail(path, "should be true or false");
    }

    public int integer(Object node, String path) {
        double d = number(node, path);
        if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw fail(path, "should be a whole number, not " + d);
        }
        return (int) d;
    }

    /** An array of exactly {@code length} numbers. */
    public double[] vector(Object node, String path, int length) {
        List<Object> list = list(node, path);
        if (list.size() != length) {
            throw fail(path, "has " + list.size() + " entries but should have " + length);
        }
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = number(list.get(i), path + "[" + i + "]");
        }
        return v;
    }

    /** A rows × cols array of arrays of numbers, flattened row-major. */
    public double[] matrix(Object node, String path, int rows, int cols) {
        List<Object> list = list(node, path);
        if (list.size() != rows) {
            throw fail(path, "has " + list.size() + " rows but should have " + rows);
        }
        // Every row's length first: the allocation below must be justified by what the file holds, not by the
        // shape it claims (2000 rows of one number each must not allocate 2000 x 1048576 doubles).
        for (int r = 0; r < rows; r++) {
            int size = list(list.get(r), path + "[" + r + "]").size();
            if (size != cols) {
                throw fail(path + "[" + r + "]", "has " + size + " entries but should have " + cols);
            }
        }
        double[] m = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double[] row = vector(list.get(r), path + "[" + r + "]", cols);
            System.arraycopy(row, 0, m, r * cols, cols);
        }
        return m;
    }

    public InvalidInputException fail(String path, String problem) {
        return new InvalidInputException(source + ": ", new Problem((path.isEmpty() ? "the top level" : "'" + path + "'") + " " + problem, null, null),
                null, null);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
