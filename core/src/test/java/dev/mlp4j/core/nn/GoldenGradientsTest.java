package dev.mlp4j.core.nn;

import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.testing.GoldenFixture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.mlp4j.core.testing.GoldenFixture.matrices;
import static dev.mlp4j.core.testing.GoldenFixture.rows;
import static dev.mlp4j.core.testing.GoldenFixture.vectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference forward pass, cost and backprop against testdata's golden/gradients.json: float64 values computed
 * by an independent numpy implementation (testdata/scripts/golden_gradients.py) and themselves checked there
 * against finite differences.
 */
class GoldenGradientsTest {
    /** The golden values are within 3e-12 relative of exact; a correct double implementation lands well within this. */
    private static final double TOLERANCE = 1e-10;
    private static final String RESOURCE = "golden/gradients.json";

    private static List<Map<String, Object>> cases() {
        return GoldenFixture.cases(RESOURCE);
    }

    /** One golden case turned into core's types. */
    private record GoldenCase(String name, NetworkSpec spec, Parameters parameters, Batch batch, double l2Scale,
                              double[] outputs, double cost, double[][] gradWeights, double[][] gradBiases) {
    }

    @SuppressWarnings("unchecked")
    private static GoldenCase read(Map<String, Object> c) {
        NetworkSpec spec = GoldenFixture.spec(c);
        Parameters p = new Parameters(spec, matrices(c.get("weights")), vectors(c.get("biases")));
        double[] inputs = rows(c.get("inputs"));
        double[] targets = rows(c.get("targets"));
        int m = ((List<Object>) c.get("inputs")).size();
        Batch batch = new Batch(m, spec.inputSize(), spec.outputSize(), inputs, targets);
        double l2Scale = (Double) c.get("l2") / (Double) c.get("n");
        return new GoldenCase((String) c.get("name"), spec, p, batch, l2Scale, rows(c.get("outputs")),
                (Double) c.get("cost_value"), matrices(c.get("grad_weights")), vectors(c.get("grad_biases")));
    }

    private static void assertClose(double expected, double actual, String what) {
        GoldenFixture.assertClose(expected, actual, TOLERANCE, what);
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

    @Test
    void the_fixture_holds_networks_with_an_activation_per_hidden_layer() {
        assertTrue(cases().stream().map(GoldenFixture::spec).anyMatch(NetworkSpec::hasMixedHidden), "no case with mixed hidden layers");
    }

    @TestFactory
    Stream<DynamicTest> forward_outputs_match_the_golden_values() {
        return cases().stream().map(GoldenGradientsTest::read).map(g -> DynamicTest.dynamicTest(g.name(), () -> {
            try (ReferenceBackend backend = new ReferenceBackend(g.spec())) {
                backend.setParameters(g.parameters());
                double[] out = backend.forward(g.batch());
                assertEquals(g.outputs().length, out.length, "number of outputs");
                GoldenFixture.assertRowsClose(g.outputs(), out, g.spec().outputSize(), TOLERANCE, g.name() + " outputs");
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
                    GoldenFixture.assertRowsClose(g.gradWeights()[l], grad.weights()[l], spec.size(l), TOLERANCE,
                            g.name() + " grad_weights[" + l + "]");
                    GoldenFixture.assertEntriesClose(g.gradBiases()[l], grad.biases()[l], TOLERANCE, g.name() + " grad_biases[" + l + "]");
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
