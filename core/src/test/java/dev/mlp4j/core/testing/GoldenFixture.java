package dev.mlp4j.core.testing;

import dev.mlp4j.core.io.Json;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.testdata.Fixtures;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads testdata's golden/*.json files (values computed by the numpy scripts beside them) into core's layouts:
 * matrices as weights[l][j][k] with one row per neuron of layer l+1, flattened row-major as Parameters holds them.
 */
public final class GoldenFixture {
    private GoldenFixture() {
    }

    /** The "cases" array of a golden resource, each case a parsed JSON object. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> cases(String resource) {
        String text = new String(Fixtures.bytes(resource), StandardCharsets.UTF_8);
        Map<String, Object> root = (Map<String, Object>) Json.parse(resource, text);
        return (List<Map<String, Object>>) (List<?>) root.get("cases");
    }

    /** The case's "layers", "hidden", "output" and "cost" fields as a network. */
    @SuppressWarnings("unchecked")
    public static NetworkSpec spec(Map<String, Object> c) {
        List<Integer> layers = new ArrayList<>();
        for (Object o : (List<Object>) c.get("layers")) {
            layers.add(((Double) o).intValue());
        }
        // "hidden": one name, or a list with one per hidden layer.
        Object hidden = c.get("hidden");
        List<Activation> hiddens = hidden instanceof List<?> names
                ? names.stream().map(n -> Activation.fromId((String) n)).toList() : List.of(Activation.fromId((String) hidden));
        return new NetworkSpec(layers, hiddens, Activation.fromId((String) c.get("output")), Cost.fromId((String) c.get("cost")));
    }

    /** [[row, …], …] flattened row-major. */
    @SuppressWarnings("unchecked")
    public static double[] rows(Object node) {
        List<Double> flat = new ArrayList<>();
        for (Object r : (List<Object>) node) {
            for (Object v : (List<Object>) r) {
                flat.add((Double) v);
            }
        }
        return flat.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A list of matrices, each flattened row-major. */
    @SuppressWarnings("unchecked")
    public static double[][] matrices(Object node) {
        List<Object> list = (List<Object>) node;
        double[][] out = new double[list.size()][];
        for (int l = 0; l < list.size(); l++) {
            out[l] = rows(list.get(l));
        }
        return out;
    }

    /** A list of vectors. */
    @SuppressWarnings("unchecked")
    public static double[][] vectors(Object node) {
        List<Object> list = (List<Object>) node;
        double[][] out = new double[list.size()][];
        for (int l = 0; l < list.size(); l++) {
            out[l] = ((List<Object>) list.get(l)).stream().mapToDouble(v -> (Double) v).toArray();
        }
        return out;
    }

    /** {@link #assertClose} for each entry of a row-major matrix, named what[row][column]. */
    public static void assertRowsClose(double[] expected, double[] actual, int columns, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": number of entries");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], tolerance, what + "[" + i / columns + "][" + i % columns + "]");
        }
    }

    /** {@link #assertClose} for each entry of a vector, named what[index]. */
    public static void assertEntriesClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": number of entries");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], tolerance, what + "[" + i + "]");
        }
    }

    /** Fails unless |expected − actual| ≤ tolerance · max(1, |expected|), naming the value and both figures. */
    public static void assertClose(double expected, double actual, double tolerance, String what) {
        double allowed = tolerance * Math.max(1, Math.abs(expected));
        if (!(Math.abs(expected - actual) <= allowed)) {
            fail(what + ": expected " + expected + " but got " + actual + " (difference " + Math.abs(expected - actual)
                    + ", allowed " + allowed + ")");
        }
    }
}
