package dev.mlp4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON object a command prints as its last stdout line under --json. Field names are part of the CLI's
 * contract: add fields, never rename or remove them.
 */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    public static Map<String, Object> object(String command) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        return m;
    }

    public static void print(PrintWriter out, Map<String, Object> fields) {
        out.println(toJson(fields));
        out.flush();
    }

    static String toJson(Map<String, Object> fields) {
        try {
            return MAPPER.writeValueAsString(sanitise(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void error(PrintWriter out, String command, String message, int exitCode) {
        Map<String, Object> m = object(command);
        m.put("error", message);
        m.put("exitCode", exitCode);
        print(out, m);
    }

    /** JSON has no NaN or Infinity: they become null. */
    private static Map<String, Object> sanitise(Map<String, Object> m) {
        Map<String, Object> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v instanceof Double d && !Double.isFinite(d)) {
                copy.put(k, null);
            } else {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
