package dev.mlp4j.verify;

import dev.mlp4j.verify.compare.ArrayComparison;
import dev.mlp4j.verify.HandWrittenNet.Bug;
import dev.mlp4j.verify.compare.Tolerance;
import dev.mlp4j.verify.file.VerifyFileReader;
import dev.mlp4j.verify.mistake.Diagnosis;
import dev.mlp4j.verify.mistake.DiagnosisKind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each backward-pass mistake, made on purpose by {@link HandWrittenNet}, is named by verify, and nothing else is.
 */
class GradientDiagnosisTest {

    /** Two hidden layers of equal width, so that the wrong-layer mistakes keep their shapes. */
    private static final HandWrittenNet SIGMOID_CE = new HandWrittenNet(11, "sigmoid", "sigmoid", "cross-entropy", 3, 4, 4, 2);
    private static final HandWrittenNet SIGMOID_QUADRATIC = new HandWrittenNet(12, "sigmoid", "sigmoid", "quadratic", 3, 4, 4, 2);

    static VerifyReport verify(HandWrittenNet net, int examples, String reduction, Set<Bug> bugs) {
        double[][][] batch = VerifyJson.batch(net, examples, 5);
        HandWrittenNet.Result g = net.gradient(batch[0], batch[1], reduction.equals("mean"), bugs);
        Map<String, Object> file = VerifyJson.network(net, batch[0], batch[1], reduction);
        file.put("gradients", VerifyJson.parameters(g.weights(), g.biases()));
        return Verifier.verify(VerifyFileReader.fromJson("net.json", VerifyJson.json(file)), Tolerance.DEFAULT);
    }

    static Set<DiagnosisKind> kinds(VerifyReport report) {
        return report.diagnoses().stream().map(Diagnosis::kind).collect(Collectors.toCollection(() -> EnumSet.noneOf(DiagnosisKind.class)));
    }

    private static Diagnosis only(VerifyReport report, DiagnosisKind kind) {
        assertFalse(report.match(), "a mistaken gradient verified as matching");
        assertEquals(EnumSet.of(kind), kinds(report), () -> "diagnoses: " + report.diagnoses());
        return report.diagnoses().get(0);
    }

    @Test
    void a_correct_gradient_matches_with_nothing_to_diagnose() {
        for (HandWrittenNet net : List.of(SIGMOID_CE, SIGMOID_QUADRATIC,
                new HandWrittenNet(3, "tanh", "softmax", "log-likelihood", 2, 5, 3),
                new HandWrittenNet(4, "relu", "linear", "quadratic", 2, 3, 3, 2),
                new HandWrittenNet(5, "sigmoid", "softmax", "cross-entropy", 4, 3))) {
            for (String reduction : List.of("mean", "sum")) {
                VerifyReport r = verify(net, 3, reduction, Set.of());
                assertTrue(r.match(), () -> net.hidden + "/" + net.output + "/" + net.cost + " " + reduction + ": " + r.gradients());
                assertTrue(r.diagnoses().isEmpty(), r.diagnoses()::toString);
                assertTrue(r.gradients().stream().allMatch(c -> c.maxRelativeError() < 1e-12), r.gradients()::toString);
            }
        }
    }

    @Test
    void an_output_delta_times_sigma_prime_under_cross_entropy_is_named() {
        Diagnosis d = only(verify(SIGMOID_CE, 3, "mean", Set.of(Bug.OUTPUT_TIMES_SIGMA_PRIME)), DiagnosisKind.OUTPUT_DELTA_TIMES_SIGMA_PRIME);
        assertTrue(d.message().contains("cross-entropy") && d.message().contains("a − y"), d.message());
        assertEquals(6, d.arrays().size(), "the output δ reaches every layer's gradient");
    }

    @Test
    void the_same_mistake_with_softmax_and_log_likelihood_is_named() {
        HandWrittenNet net = new HandWrittenNet(7, "tanh", "softmax", "log-likelihood", 3, 4, 3);
        Diagnosis d = only(verify(net, 2, "mean", Set.of(Bug.OUTPUT_TIMES_SIGMA_PRIME)), DiagnosisKind.OUTPUT_DELTA_TIMES_SIGMA_PRIME);
        assertTrue(d.message().contains("a(1 − a)"), d.message());
    }

    @Test
    void an_output_delta_without_sigma_prime_under_the_quadratic_cost_is_named() {
        only(verify(SIGMOID_QUADRATIC, 3, "mean", Set.of(Bug.OUTPUT_WITHOUT_SIGMA_PRIME)), DiagnosisKind.OUTPUT_DELTA_WITHOUT_SIGMA_PRIME);
    }

    @Test
    void a_hidden_delta_without_sigma_prime_is_named() {
        Diagnosis d = only(verify(SIGMOID_CE, 3, "mean", Set.of(Bug.HIDDEN_WITHOUT_SIGMA_PRIME)), DiagnosisKind.HIDDEN_DELTA_WITHOUT_SIGMA_PRIME);
        assertEquals(List.of("weights[0]", "biases[0]", "weights[1]", "biases[1]"), d.arrays(), "the output layer is untouched");
    }

    @Test
    void sigma_prime_left_out_in_one_layer_only_names_that_layer() {
        Diagnosis d = only(verify(SIGMOID_CE, 3, "mean", Set.of(Bug.FIRST_HIDDEN_WITHOUT_SIGMA_PRIME)), DiagnosisKind.HIDDEN_DELTA_WITHOUT_SIGMA_PRIME);
        assertTrue(d.message().startsWith("The δ of layer 1 lacks σ'(z)"), d.message());
        assertEquals(List.of("weights[0]", "biases[0]"), d.arrays());
    }

    @Test
    void sigma_prime_of_the_activation_is_named() {
        only(verify(SIGMOID_CE, 3, "mean", Set.of(Bug.SIGMA_PRIME_OF_ACTIVATION)), DiagnosisKind.SIGMA_PRIME_OF_ACTIVATION);
        only(verify(new HandWrittenNet(8, "tanh", "sigmoid", "quadratic", 2, 3, 2), 2, "mean",
                Set.of(Bug.SIGMA_PRIME_OF_ACTIVATION)), DiagnosisKind.SIGMA_PRIME_OF_ACTIVATION);
    }

    @Test
    void a_derivative_mistake_in_the_backward_loop_only_is_named_under_the_quadratic_cost_too() {
        // The output layer's chain rule takes σ' as well under the quadratic cost; there it is right, the loop's is not.
        for (HandWrittenNet net : List.of(SIGMOID_QUADRATIC, new HandWrittenNet(8, "tanh", "tanh", "quadratic", 3, 5, 2))) {
            Diagnosis a = only(verify(net, 3, "mean", Set.of(Bug.SIGMA_PRIME_OF_ACTIVATION, Bug.IN_HIDDEN_LOOP_ONLY)),
                    DiagnosisKind.SIGMA_PRIME_OF_ACTIVATION);
            assertTrue(a.message().startsWith("In the hidden layers σ' is evaluated at the activation"), a.message());
            Diagnosis z = only(verify(net, 3, "mean", Set.of(Bug.SIGMA_PRIME_FORMULA_ON_Z, Bug.IN_HIDDEN_LOOP_ONLY)),
                    DiagnosisKind.SIGMA_PRIME_FORMULA_ON_Z);
            assertTrue(z.message().startsWith("In the hidden layers σ' is computed with its formula in terms of a"), z.message());
            // Made everywhere, the same mistakes keep their whole-network wording.
            assertTrue(only(verify(net, 3, "mean", Set.of(Bug.SIGMA_PRIME_OF_ACTIVATION)), DiagnosisKind.SIGMA_PRIME_OF_ACTIVATION)
                    .message().startsWith("σ' is evaluated at the activation"));
        }
    }

    @Test
    void the_derivative_formula_fed_z_is_named() {
        Diagnosis d = only(verify(SIGMOID_CE, 3, "mean", Set.of(Bug.SIGMA_PRIME_FORMULA_ON_Z)), DiagnosisKind.SIGMA_PRIME_FORMULA_ON_Z);
        assertTrue(d.message().contains("z(1 − z)"), d.message());
    }

    @Test
    void a_mistake_that_changes_nothing_for_this_network_is_no_mistake() {
        // relu'(relu(z)) = relu'(z): for a relu the "derivative of the activation" slip gives the right numbers.
        VerifyReport r = verify(new HandWrittenNet(9, "relu", "linear", "quadratic", 3, 4, 2), 3, "mean",
                Set.of(Bug.SIGMA_PRIME_OF_ACTIVATION));
        assertTrue(r.match());
        assertTrue(r.diagnoses().isEmpty());
    }

    @Test
    void a_batch_summed_although_the_mean_is_declared_is_named_with_the_batch_size() {
        Diagnosis d = only(verify(SIGMOID_CE, 3, "mean", Set.of(Bug.SUMMED)), DiagnosisKind.SUMMED_NOT_AVERAGED);
        assertEquals(3.0, d.value());
        assertEquals(6, d.arrays().size());
    }

    @Test
    void a_batch_averaged_although_the_sum_is_declared_is_named() {
        Diagnosis d = only(verify(SIGMOID_CE, 4, "sum", Set.of(Bug.AVERAGED)), DiagnosisKind.AVERAGED_NOT_SUMMED);
        assertEquals(0.25, d.value(), 1e-12);
    }

    @Test
    void only_the_biases_summed_is_named_for_the_biases_alone() {
        Diagnosis d = only(verify(SIGMOID_CE, 3, "mean", Set.of(Bug.BIASES_SUMMED)), DiagnosisKind.SUMMED_NOT_AVERAGED);
        assertEquals(List.of("biases[0]", "biases[1]", "biases[2]"), d.arrays());
    }

    @Test
    void a_quadratic_cost_without_its_half_is_named() {
        Diagnosis d = only(verify(SIGMOID_QUADRATIC, 3, "mean", Set.of(Bug.TWICE_OUTPUT_DELTA)), DiagnosisKind.COST_HALF_MISSING);
        assertEquals(2.0, d.value());
    }

    @Test
    void a_factor_two_on_a_batch_of_two_says_it_could_be_either() {
        Diagnosis d = only(verify(SIGMOID_QUADRATIC, 2, "mean", Set.of(Bug.TWICE_OUTPUT_DELTA)), DiagnosisKind.SUMMED_NOT_AVERAGED);
        assertTrue(d.message().contains("The same factor also fits a forgotten ½ in the quadratic cost (2)"), d.message());
    }

    @Test
    void a_flipped_sign_is_named() {
        only(verify(SIGMOID_CE, 3, "mean", Set.of(Bug.SIGN_FLIPPED)), DiagnosisKind.SIGN_FLIPPED);
    }

    @Test
    void any_other_constant_factor_is_reported_with_its_value() {
        HandWrittenNet net = SIGMOID_CE;
        double[][][] batch = VerifyJson.batch(net, 2, 5);
        HandWrittenNet.Result g = net.gradient(batch[0], batch[1], true, Set.of());
        scale(g, 0.37);
        Map<String, Object> file = VerifyJson.network(net, batch[0], batch[1], "mean");
        file.put("gradients", VerifyJson.parameters(g.weights(), g.biases()));
        VerifyReport r = Verifier.verify(VerifyFileReader.fromJson("net.json", VerifyJson.json(file)), Tolerance.DEFAULT);
        Diagnosis d = only(r, DiagnosisKind.CONSTANT_FACTOR);
        assertEquals(0.37, d.value(), 1e-9);
        assertTrue(d.message().contains("0.37 times"), d.message());
    }

    private static void scale(HandWrittenNet.Result g, double factor) {
        for (double[][] m : g.weights()) {
            for (double[] row : m) {
                for (int k = 0; k < row.length; k++) {
                    row[k] *= factor;
                }
            }
        }
        for (double[] b : g.biases()) {
            for (int k = 0; k < b.length; k++) {
                b[k] *= factor;
            }
        }
    }

    @Test
    void a_backward_loop_that_stops_before_the_first_layer_is_named() {
        Diagnosis d = only(verify(SIGMOID_CE, 3, "mean", Set.of(Bug.LOOP_STOPS_EARLY)), DiagnosisKind.LAYER_SKIPPED);
        assertEquals(List.of("weights[0]", "biases[0]"), d.arrays());
    }

    @Test
    void an_all_zero_gradient_is_one_zero_gradient_not_every_layer_skipped() {
        double[][][] batch = VerifyJson.batch(SIGMOID_CE, 2, 5);
        HandWrittenNet.Result g = SIGMOID_CE.gradient(batch[0], batch[1], true, Set.of());
        scale(g, 0);
        Map<String, Object> file = VerifyJson.network(SIGMOID_CE, batch[0], batch[1], "mean");
        file.put("gradients", VerifyJson.parameters(g.weights(), g.biases()));
        Diagnosis d = only(Verifier.verify(VerifyFileReader.fromJson("net.json", VerifyJson.json(file)), Tolerance.DEFAULT),
                DiagnosisKind.ZERO_GRADIENT);
        assertTrue(d.message().startsWith("The whole gradient is zero"), d.message());
    }

    @Test
    void a_bias_gradient_taken_from_the_next_layers_delta_is_named() {
        Diagnosis d = only(verify(SIGMOID_CE, 3, "mean", Set.of(Bug.BIAS_FROM_NEXT_DELTA)), DiagnosisKind.WRONG_LAYER);
        assertEquals(List.of("biases[0]"), d.arrays());
        assertTrue(d.message().contains("δ of layer 2 where it should be that of layer 1"), d.message());
    }

    @Test
    void a_weight_gradient_built_from_the_wrong_layers_activations_is_named() {
        Diagnosis d = only(verify(SIGMOID_CE, 3, "mean", Set.of(Bug.WEIGHTS_FROM_NEXT_ACTIVATIONS)), DiagnosisKind.WRONG_LAYER);
        assertEquals(List.of("weights[1]"), d.arrays());
        assertTrue(d.message().contains("activations of layer 2"), d.message());
    }

    @Test
    void two_mistakes_at_once_are_both_named() {
        VerifyReport r = verify(SIGMOID_CE, 3, "mean", Set.of(Bug.OUTPUT_TIMES_SIGMA_PRIME, Bug.SUMMED));
        assertEquals(EnumSet.of(DiagnosisKind.OUTPUT_DELTA_TIMES_SIGMA_PRIME, DiagnosisKind.SUMMED_NOT_AVERAGED), kinds(r));
    }

    @ParameterizedTest
    @EnumSource(value = Bug.class, names = {"OUTPUT_TIMES_SIGMA_PRIME", "HIDDEN_WITHOUT_SIGMA_PRIME", "SIGMA_PRIME_OF_ACTIVATION",
            "SUMMED", "SIGN_FLIPPED", "LOOP_STOPS_EARLY"})
    void every_mistake_is_seen_on_a_single_example_too(Bug bug) {
        VerifyReport r = verify(SIGMOID_CE, 1, "mean", Set.of(bug));
        if (bug == Bug.SUMMED) {
            assertTrue(r.match(), "summing one example is averaging it");
        } else {
            assertFalse(r.match(), bug.name());
            assertEquals(1, r.diagnoses().size(), r.diagnoses()::toString);
        }
    }

    @Test
    void a_weight_gradient_stored_to_by_from_is_read_and_named_transposed() {
        double[][][] batch = VerifyJson.batch(SIGMOID_CE, 2, 5);
        HandWrittenNet.Result g = SIGMOID_CE.gradient(batch[0], batch[1], true, Set.of());
        Map<String, Object> file = VerifyJson.network(SIGMOID_CE, batch[0], batch[1], "mean");
        file.put("gradients", VerifyJson.parameters(VerifyJson.transposed(g.weights()), g.biases()));
        VerifyReport r = Verifier.verify(VerifyFileReader.fromJson("net.json", VerifyJson.json(file)), Tolerance.DEFAULT);
        Diagnosis d = only(r, DiagnosisKind.TRANSPOSED_WEIGHT_GRADIENT);
        // weights[1] is 4x4: its transpose has the same shape and is found from the values alone.
        assertEquals(List.of("weights[0]", "weights[1]", "weights[2]"), d.arrays());
        assertTrue(r.gradients().get(0).agrees(), "a [to][from] matrix is still compared value by value");
    }

    @Test
    void a_forward_pass_that_differs_is_named_first_and_alone() {
        HandWrittenNet net = SIGMOID_CE;
        double[][][] batch = VerifyJson.batch(net, 1, 5);
        // The user's net forgets the biases of the first layer: its forward pass and everything after differ.
        HandWrittenNet buggy = net.copy();
        Arrays.fill(buggy.biases[0], 0.0);
        HandWrittenNet.Result g = buggy.gradient(batch[0], batch[1], true, Set.of());
        Map<String, Object> file = VerifyJson.network(net, batch[0], batch[1], "mean");
        file.put("gradients", VerifyJson.parameters(g.weights(), g.biases()));
        file.put("activations", g.activations()[0]);
        VerifyReport r = Verifier.verify(VerifyFileReader.fromJson("net.json", VerifyJson.json(file)), Tolerance.DEFAULT);
        Diagnosis d = only(r, DiagnosisKind.FORWARD_PASS_DIFFERS);
        assertEquals(List.of("activations[1]"), d.arrays());
        assertTrue(r.activations().get(0).agrees(), "the input is the input");
    }

    @Test
    void deltas_that_agree_while_the_gradient_does_not_point_at_the_gradient_assembly() {
        HandWrittenNet net = SIGMOID_CE;
        double[][][] batch = VerifyJson.batch(net, 2, 5);
        HandWrittenNet.Result g = net.gradient(batch[0], batch[1], true, Set.of(Bug.WEIGHTS_FROM_NEXT_ACTIVATIONS));
        Map<String, Object> file = VerifyJson.network(net, batch[0], batch[1], "mean");
        file.put("gradients", VerifyJson.parameters(g.weights(), g.biases()));
        file.put("activations", g.activations());
        file.put("deltas", g.deltas());
        VerifyReport r = Verifier.verify(VerifyFileReader.fromJson("net.json", VerifyJson.json(file)), Tolerance.DEFAULT);
        assertTrue(r.activations().stream().allMatch(ArrayComparison::agrees));
        assertTrue(r.deltas().stream().allMatch(ArrayComparison::agrees));
        assertEquals(EnumSet.of(DiagnosisKind.WRONG_LAYER), kinds(r));
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("Your δ agree with the reference")), r.notes()::toString);
    }

    @Test
    void deltas_with_the_output_mistake_disagree_from_the_output_layer() {
        HandWrittenNet net = SIGMOID_CE;
        double[][][] batch = VerifyJson.batch(net, 2, 5);
        HandWrittenNet.Result g = net.gradient(batch[0], batch[1], true, Set.of(Bug.OUTPUT_TIMES_SIGMA_PRIME));
        Map<String, Object> file = VerifyJson.network(net, batch[0], batch[1], "mean");
        file.put("gradients", VerifyJson.parameters(g.weights(), g.biases()));
        file.put("deltas", g.deltas());
        VerifyReport r = Verifier.verify(VerifyFileReader.fromJson("net.json", VerifyJson.json(file)), Tolerance.DEFAULT);
        assertFalse(r.deltas().get(2).agrees());
        assertEquals("deltas[0][2][0]", r.deltas().get(2).first().get(0).entry(), "batch entries are named [example][layer][unit]");
    }

    @Test
    void mismatching_entries_are_named_in_the_users_layout() {
        VerifyReport r = verify(SIGMOID_CE, 3, "mean", Set.of(Bug.SIGN_FLIPPED));
        ArrayComparison w0 = r.gradients().get(0);
        assertEquals("weights[0]", w0.name());
        assertEquals(12, w0.mismatches());
        // The user reads weights[0] as 3 rows (layer 0) of 4 (layer 1): the first entries run along a row.
        assertEquals(List.of("weights[0][0][0]", "weights[0][0][1]", "weights[0][0][2]", "weights[0][0][3]", "weights[0][1][0]"),
                w0.first().stream().map(ArrayComparison.Mismatch::entry).toList());
        ArrayComparison.Mismatch m = w0.first().get(1);
        assertEquals(-m.expected(), m.claimed(), 1e-12);
    }

    @Test
    void numbers_no_mistake_explains_get_no_diagnosis_but_a_note() {
        double[][][] batch = VerifyJson.batch(SIGMOID_CE, 2, 5);
        HandWrittenNet.Result g = SIGMOID_CE.gradient(batch[0], batch[1], true, Set.of());
        g.weights()[1][2][3] += 0.5;
        g.biases()[0][1] *= -3;
        Map<String, Object> file = VerifyJson.network(SIGMOID_CE, batch[0], batch[1], "mean");
        file.put("gradients", VerifyJson.parameters(g.weights(), g.biases()));
        VerifyReport r = Verifier.verify(VerifyFileReader.fromJson("net.json", VerifyJson.json(file)), Tolerance.DEFAULT);
        assertFalse(r.match());
        assertTrue(r.diagnoses().isEmpty(), r.diagnoses()::toString);
        assertEquals(1, r.gradients().get(2).mismatches());
        assertEquals("weights[1][2][3]", r.gradients().get(2).first().get(0).entry());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("No known mistake")), r.notes()::toString);
    }
}
