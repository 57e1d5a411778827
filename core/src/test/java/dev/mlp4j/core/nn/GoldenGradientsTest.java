package dev.mlp4j.core.nn;

import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.backend.StepSettings;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.io.Json;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The reference forward pass, cost and backprop against testdata's golden/gradients.json: float64 values computed
 * by an independent numpy implementation (testdata/scripts/golden_gradients.py) and themselves checked there
 * against finite differences.
 */
class GoldenGradientsTest {
    /** The golden values are within 3e-12 relative of exact; a correct double implementation lands well within this. */
    private static final double TOLERANCE = 1e-10;
    private static final String RESOURCE = "golden/gradients.json";

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases() {
        String text = new String(Fixtures.bytes(RESOURCE), StandardCharsets.UTF_8);
        Map<String, Object> root = (Map<String, Object>) Json.parse(RESOURCE, text);
        return (List<Map<String, Object>>) (List<?>) root.get("cases");
    }

    /** One golden case turned into core's types. */
    private record GoldenCase(String name, NetworkSpec spec, Parameters parameters, Batch batch, double l2Scale,
                              double[] outputs, double cost, double[][] gradWeights, double[][] gradBiases) {
    }

    @SuppressWarnings("unchecked")
    private static GoldenCase read(Map<String, Object> c) {
        List<Integer> layers = new ArrayList<>();
        for (Object o : (List<Object>) c.get("layers")) {
            layers.add(((Double) o).intValue());
        }
        NetworkSpec spec = new NetworkSpec(layers, Activation.fromId((String) c.get("hidden")),
                Activation.fromId((String) c.get("output")), Cost.fromId((String) c.get("cost")));
        double[][] w = matrices(c.get("weights"));
        double[][] b = vectors(c.get("biases"));
        Parameters p = new Parameters(spec, w, b);
        double[] inputs = rows(c.get("inputs"));
        double[] targets = rows(c.get("targets"));
        int m = ((List<Object>) c.get("inputs")).size();
        Batch batch = new Batch(m, spec.inputSize(), spec.outputSize(), inputs, targets);
        double l2Scale = (Double) c.get("l2") / (Double) c.get("n");
        return new GoldenCase((String) c.get("name"), spec, p, batch, l2Scale, rows(c.get("outputs")),
                (Double) c.get("cost_value"), matrices(c.get("grad_weights")), vectors(c.get("grad_biases")));
    }

    /** [[row, …], …] flattened row-major. */
    @SuppressWarnings("unchecked")
    private static double[] rows(Object node) {
        List<Object> rows = (List<Object>) node;
        List<Double> flat = new ArrayList<>();
        for (Object r : rows) {
            for (Object v : (List<Object>) r) {
                flat.add((Double) v);
            }
        }
        return flat.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A list of matrices weights[l][j][k], each flattened row-major (row j, column k), as Parameters lays them out. */
    @SuppressWarnings("unchecked")
    private static double[][] matrices(Object node) {
        List<Object> list = (List<Object>) node;
        double[][] out = new double[list.size()][];
        for (int l = 0; l < list.size(); l++) {
            out[l] = rows(list.get(l));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static double[][] vectors(Object node) {
        List<Object> list = (List<Object>) node;
        double[][] out = new double[list.size()][];
        for (int l = 0; l < list.size(); l++) {
            out[l] = ((List<Object>) list.get(l)).stream().mapToDouble(v -> (Double) v).toArray();
        }
        return out;
    }

    private static void assertClose(double expected, double actual, String what) {
        double allowed = TOLERANCE * Math.max(1, Math.abs(expected));
        if (!(Math.abs(expected - actual) <= allowed)) {
            fail(what + ": expected " + expected + " but got " + actual + " (difference " + Math.abs(expected - actual)
                    + ", allowed " + allowed + ")");
        }
    }

    @Test
    void the_fixture_holds_cases_for_every_output_and_cost() {
        List<Map<String, Object>> cases = cases();
        assertTrue(cases.size() >= 10, "only " + cases.size() + " golden cases");
        for (Activation output : Activation.values()) {
            assertTrue(cases.stream().anyMatch(c -> output.id().equals(c.get("output"))), "no case with output " + output);
        }
        for (Cost cost : Cost.values()) {
            assertTrue(cases.stream().anyMatch(c -> cost.id().equals(c.get("cost"))), "no case with cost " + cost);
        }
    }

    @TestFactory
    Stream<DynamicTest> forward_outputs_match_the_golden_values() {
        return cases().stream().map(GoldenGradientsTest::read).map(g -> DynamicTest.dynamicTest(g.name(), () -> {
            try (ReferenceBackend backend = new ReferenceBackend(g.spec())) {
                backend.setParameters(g.parameters());
                double[] out = backend.forward(g.batch());
                assertEquals(g.outputs().length, out.length, "number of outputs");
                for (int i = 0; i < out.length; i++) {
                    int n = g.spec().outputSize();
                    assertClose(g.outputs()[i], out[i], g.name() + " outputs[" + i / n + "][" + i % n + "]");
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> cost_matches_the_golden_value_including_the_l2_term() {
        return cases().stream().map(GoldenGradientsTest::read).map(g -> DynamicTest.dynamicTest(g.name(), () -> {
            Backprop backprop = new Backprop(g.spec());
            double cost = backprop.cost(g.parameters(), g.batch(), StepSettings.gradientOnly(g.l2Scale(), 0, 0));
            assertClose(g.cost(), cost, g.name() + " cost_value");
        }));
    }

    @TestFactory
    Stream<DynamicTest> gradients_match_the_golden_values() {
        return cases().stream().map(GoldenGradientsTest::read).map(g -> DynamicTest.dynamicTest(g.name(), () -> {
            try (ReferenceBackend backend = new ReferenceBackend(g.spec())) {
                backend.setParameters(g.parameters());
                Gradients grad = backend.gradients(g.batch(), StepSettings.gradientOnly(g.l2Scale(), 0, 0));
                NetworkSpec spec = g.spec();
                for (int l = 0; l < spec.depth(); l++) {
                    int cols = spec.size(l);
                    for (int i = 0; i < grad.weights()[l].length; i++) {
                        assertClose(g.gradWeights()[l][i], grad.weights()[l][i],
                                g.name() + " grad_weights[" + l + "][" + i / cols + "][" + i % cols + "]");
                    }
                    for (int j = 0; j < grad.biases()[l].length; j++) {
                        assertClose(g.gradBiases()[l][j], grad.biases()[l][j], g.name() + " grad_biases[" + l + "][" + j + "]");
                    }
                }
                // The gradient must not have disturbed the parameters.
                assertEquals(g.parameters(), backend.parameters());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> training_step_cost_sum_matches_the_golden_cost_without_l2() {
        // Backprop.backprop returns Σ of the examples' costs, the figure training reports: mean cost × m, no L2 term.
        return cases().stream().map(GoldenGradientsTest::read).map(g -> DynamicTest.dynamicTest(g.name(), () -> {
            Backprop backprop = new Backprop(g.spec());
            Gradients grad = Gradients.zeros(g.spec());
            double sum = backprop.backprop(g.parameters(), g.batch(), StepSettings.gradientOnly(g.l2Scale(), 0, 0), grad);
            double l2Term = 0.5 * g.l2Scale() * g.parameters().sumOfSquaredWeights();
            assertClose(g.cost() - l2Term, sum / g.batch().size(), g.name() + " mean cost without L2");
        }));
    }
}
