package dev.mlp4j.verify;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.verify.HandWrittenNet.Bug;
import dev.mlp4j.verify.compare.Tolerance;
import dev.mlp4j.verify.file.VerifyFile;
import dev.mlp4j.verify.file.VerifyFileReader;
import dev.mlp4j.verify.mistake.DiagnosisKind;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verify files whose "hidden" is an array, one activation per hidden layer. */
class MixedHiddenVerifyTest {
    private static final HandWrittenNet RELU_SIGMOID = new HandWrittenNet(21, "relu,sigmoid", "softmax", "log-likelihood", 3, 4, 4, 3);
    private static final HandWrittenNet SIGMOID_TANH = new HandWrittenNet(22, "sigmoid,tanh", "sigmoid", "quadratic", 3, 4, 4, 2);

    @Test
    void the_array_gives_each_hidden_layer_its_activation() {
        double[][][] batch = VerifyJson.batch(RELU_SIGMOID, 2, 5);
        VerifyFile f = VerifyFileReader.fromJson("net.json", VerifyJson.json(VerifyJson.network(RELU_SIGMOID, batch[0], batch[1], "mean")));
        assertEquals(List.of(Activation.RELU, Activation.SIGMOID), f.spec().hiddenActivations());
        assertEquals(Activation.SOFTMAX, f.spec().activation(2));
    }

    @Test
    void a_correct_gradient_of_a_mixed_network_matches_with_nothing_to_diagnose() {
        for (HandWrittenNet net : List.of(RELU_SIGMOID, SIGMOID_TANH,
                new HandWrittenNet(23, "tanh,linear,relu", "linear", "quadratic", 2, 5, 4, 3, 2))) {
            VerifyReport r = GradientDiagnosisTest.verify(net, 3, "mean", Set.of());
            assertTrue(r.match(), () -> net.hidden + ": " + r.gradients());
            assertTrue(r.diagnoses().isEmpty(), r.diagnoses()::toString);
            assertTrue(r.gradients().stream().allMatch(c -> c.maxRelativeError() < 1e-12), r.gradients()::toString);
        }
    }

    /** The gradient of one activation throughout differs from the mixed network's: verify must not accept it. */
    @Test
    void a_gradient_computed_with_one_activation_for_all_hidden_layers_does_not_match() {
        HandWrittenNet uniform = new HandWrittenNet(SIGMOID_TANH.weights, SIGMOID_TANH.biases, "sigmoid", "sigmoid", "quadratic");
        double[][][] batch = VerifyJson.batch(SIGMOID_TANH, 3, 5);
        HandWrittenNet.Result g = uniform.gradient(batch[0], batch[1], true, Set.of());
        var file = VerifyJson.network(SIGMOID_TANH, batch[0], batch[1], "mean");
        file.put("gradients", VerifyJson.parameters(g.weights(), g.biases()));
        VerifyReport r = Verifier.verify(VerifyFileReader.fromJson("net.json", VerifyJson.json(file)), Tolerance.DEFAULT);
        assertFalse(r.match());
    }

    @Test
    void a_derivative_mistake_in_a_mixed_network_is_named_with_each_activations_form() {
        VerifyReport missing = GradientDiagnosisTest.verify(RELU_SIGMOID, 3, "mean", Set.of(Bug.HIDDEN_WITHOUT_SIGMA_PRIME));
        assertEquals(EnumSet.of(DiagnosisKind.HIDDEN_DELTA_WITHOUT_SIGMA_PRIME), GradientDiagnosisTest.kinds(missing), missing.diagnoses()::toString);
        VerifyReport twice = GradientDiagnosisTest.verify(SIGMOID_TANH, 3, "mean", Set.of(Bug.SIGMA_PRIME_OF_ACTIVATION));
        assertEquals(EnumSet.of(DiagnosisKind.SIGMA_PRIME_OF_ACTIVATION), GradientDiagnosisTest.kinds(twice), twice.diagnoses()::toString);
        assertTrue(twice.diagnoses().get(0).message().contains("a(1 − a) in the sigmoid layers, 1 − a² in the tanh layers"),
                twice.diagnoses().get(0).message());
    }

    @Test
    void an_array_of_the_wrong_length_or_with_a_bad_entry_is_refused_naming_the_field() {
        double[][][] batch = VerifyJson.batch(RELU_SIGMOID, 1, 5);
        String text = VerifyJson.json(VerifyJson.network(RELU_SIGMOID, batch[0], batch[1], "mean"));
        String three = assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("net.json",
                text.replace("[\"relu\", \"sigmoid\"]", "[\"relu\", \"sigmoid\", \"tanh\"]"))).getMessage();
        assertEquals("net.json: 3 hidden activations (relu,sigmoid,tanh) are given for the 2 hidden layers of 3,4,4,3; "
                + "give one activation for all hidden layers, or one for each of the 2 (e.g. relu,sigmoid).", three);
        String unknown = assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("net.json",
                text.replace("\"sigmoid\"]", "\"swish\"]"))).getMessage();
        assertTrue(unknown.contains("'swish'"), unknown);
        String number = assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("net.json",
                text.replace("\"sigmoid\"]", "1]"))).getMessage();
        assertTrue(number.contains("'hidden[1]' should be a string"), number);
    }
}
