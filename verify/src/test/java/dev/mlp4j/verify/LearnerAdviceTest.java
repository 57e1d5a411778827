package dev.mlp4j.verify;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.verify.HandWrittenNet.Bug;
import dev.mlp4j.verify.compare.Tolerance;
import dev.mlp4j.verify.file.VerifyFileReader;
import dev.mlp4j.verify.mistake.Diagnosis;
import dev.mlp4j.verify.mistake.DiagnosisKind;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What verify tells a learner whose file it cannot match to a known mistake, or cannot read as written: the advice
 * must fit the file (float32 numbers, a softmax "cross-entropy", the fields it already has, a misspelt field, a batch
 * stored one column per example).
 */
class LearnerAdviceTest {
    private static final HandWrittenNet NET = new HandWrittenNet(11, "sigmoid", "sigmoid", "cross-entropy", 3, 4, 2);

    private static Map<String, Object> file(HandWrittenNet net, Set<Bug> bugs, boolean float32) {
        double[][][] batch = VerifyJson.batch(net, 3, 5);
        HandWrittenNet.Result g = net.gradient(batch[0], batch[1], true, bugs);
        Map<String, Object> file = VerifyJson.network(net, batch[0], batch[1], "mean");
        file.put("gradients", VerifyJson.parameters(float32 ? rounded(g.weights()) : g.weights(), float32 ? rounded(g.biases()) : g.biases()));
        return file;
    }

    private static VerifyReport verify(Map<String, Object> file) {
        return Verifier.verify(VerifyFileReader.fromJson("net.json", VerifyJson.json(file)), Tolerance.DEFAULT);
    }

    /**
     * The gradient as a float32 program would hold it: each number a float, off by the few parts in a million that
     * float32 rounding adds up to over a forward and backward pass.
     */
    private static double[][][] rounded(double[][][] w) {
        double[][][] r = new double[w.length][][];
        for (int i = 0; i < w.length; i++) {
            r[i] = rounded(w[i]);
        }
        return r;
    }

    private static double[][] rounded(double[][] b) {
        double[][] r = new double[b.length][];
        for (int i = 0; i < b.length; i++) {
            r[i] = new double[b[i].length];
            for (int k = 0; k < b[i].length; k++) {
                // Up or down by turns: one factor for all would be a constant factor, which verify names.
                r[i][k] = (float) (b[i][k] * (1 + ((i + k) % 2 == 0 ? 3e-6 : -2e-6)));
            }
        }
        return r;
    }

    @Test
    void float32_numbers_get_the_tolerance_to_use_not_a_search_for_a_mistake() {
        VerifyReport r = verify(file(NET, Set.of(), true));
        assertFalse(r.match(), "float32 rounding exceeds the default tolerance; the case would test nothing");
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("The numbers that disagree are float32")
                && n.contains("new Tolerance(1e-3)")), r.notes()::toString);
        // A front end's words for the setting, where the library's are Java's.
        VerifyReport worded = Verifier.verify(VerifyFileReader.fromJson("net.json", VerifyJson.json(file(NET, Set.of(), true))),
                Tolerance.DEFAULT, (setting, value) -> "<" + setting + " " + value + ">");
        assertTrue(worded.notes().stream().anyMatch(n -> n.contains("run again with <TOLERANCE 1e-3> to compare")), worded.notes()::toString);
        assertTrue(r.notes().stream().noneMatch(n -> n.startsWith("No known mistake")), r.notes()::toString);
        VerifyReport atFloat32 = Verifier.verify(VerifyFileReader.fromJson("net.json", VerifyJson.json(file(NET, Set.of(), true))),
                new Tolerance(1e-3));
        assertTrue(atFloat32.match(), atFloat32::toString);

        // Only the biases kept in float32 (a JavaScript net's Float32Array), the weights' gradient in doubles.
        double[][][] batch = VerifyJson.batch(NET, 3, 5);
        HandWrittenNet.Result g = NET.gradient(batch[0], batch[1], true, Set.of());
        Map<String, Object> mixed = VerifyJson.network(NET, batch[0], batch[1], "mean");
        mixed.put("gradients", VerifyJson.parameters(g.weights(), rounded(g.biases())));
        VerifyReport partly = verify(mixed);
        assertFalse(partly.match());
        assertTrue(partly.notes().stream().anyMatch(n -> n.startsWith("The numbers that disagree are float32")), partly.notes()::toString);

        // The same numbers in double precision with a real mistake get the usual advice, not the float32 one.
        VerifyReport doubles = verify(file(NET, Set.of(Bug.SIGMA_PRIME_FORMULA_ON_Z, Bug.SIGN_FLIPPED, Bug.SUMMED), false));
        assertTrue(doubles.notes().stream().noneMatch(n -> n.contains("float32")), doubles.notes()::toString);
    }

    @Test
    void the_advice_to_add_fields_names_only_those_the_file_lacks() {
        double[][][] batch = VerifyJson.batch(NET, 1, 5);
        HandWrittenNet.Result g = NET.gradient(batch[0], batch[1], true, Set.of());
        // A slip no known mistake makes: one entry of the gradient off.
        double[][][] w = g.weights();
        w[0][1][2] += 0.125;
        Map<String, Object> file = VerifyJson.network(NET, batch[0], batch[1], "mean");
        file.put("gradients", VerifyJson.parameters(w, g.biases()));
        VerifyReport without = verify(file);
        assertTrue(without.diagnoses().isEmpty(), without.diagnoses()::toString);
        assertTrue(last(without.notes()).endsWith(", or add 'activations' and 'deltas' to the file to see where the numbers part."),
                without.notes()::toString);

        file.put("activations", g.activations()[0]);
        file.put("deltas", g.deltas()[0]);
        VerifyReport with = verify(file);
        assertTrue(with.diagnoses().isEmpty(), with.diagnoses()::toString);
        assertEquals("No known mistake reproduces these numbers; compare the first disagreeing entries above with your code.",
                last(with.notes()));
    }

    @Test
    void a_gradient_with_the_l2_term_in_it_is_named_with_its_strength() {
        double c = 5.0 / 50_000;
        for (HandWrittenNet net : List.of(NET, new HandWrittenNet(7, "tanh", "softmax", "log-likelihood", 3, 5, 4, 3))) {
            double[][][] batch = VerifyJson.batch(net, 4, 5);
            HandWrittenNet.Result g = net.gradient(batch[0], batch[1], true, Set.of());
            double[][][] w = g.weights();
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w[i].length; j++) {
                    for (int k = 0; k < w[i][j].length; k++) {
                        w[i][j][k] += c * net.weights[i][j][k];
                    }
                }
            }
            Map<String, Object> file = VerifyJson.network(net, batch[0], batch[1], "mean");
            file.put("gradients", VerifyJson.parameters(w, g.biases()));
            VerifyReport r = verify(file);
            assertFalse(r.match());
            assertEquals(Set.of(DiagnosisKind.L2_IN_GRADIENT), GradientDiagnosisTest.kinds(r), r.diagnoses()::toString);
            assertEquals(c, r.diagnoses().get(0).value(), c * 1e-6);

            // With the biases off as well it is something else, and not named so.
            double[][] b = g.biases();
            b[0][0] += 0.5;
            file.put("gradients", VerifyJson.parameters(w, b));
            assertFalse(GradientDiagnosisTest.kinds(verify(file)).contains(DiagnosisKind.L2_IN_GRADIENT));
        }
    }

    @Test
    void square_weights_dumped_to_from_are_named_as_the_layout_to_fix_not_as_a_wrong_forward_pass() {
        HandWrittenNet square = new HandWrittenNet(9, "sigmoid", "sigmoid", "cross-entropy", 3, 3, 3);
        double[][][] batch = VerifyJson.batch(square, 2, 5);
        HandWrittenNet.Result g = square.gradient(batch[0], batch[1], true, Set.of());
        for (boolean withActivations : new boolean[] {false, true}) {
            Map<String, Object> file = VerifyJson.network(square, batch[0], batch[1], "mean");
            // What numpy's w.tolist() and nabla_w's give: each matrix [to][from].
            file.put("weights", VerifyJson.transposed(square.weights));
            file.put("gradients", VerifyJson.parameters(VerifyJson.transposed(g.weights()), g.biases()));
            if (withActivations) {
                file.put("activations", g.activations());
            }
            VerifyReport r = verify(file);
            assertFalse(r.match());
            assertEquals(Set.of(DiagnosisKind.WEIGHTS_STORED_TO_FROM), GradientDiagnosisTest.kinds(r), r.diagnoses()::toString);
            assertEquals(List.of("weights[0]", "weights[1]"), r.diagnoses().get(0).arrays());
            assertTrue(r.notes().isEmpty(), r.notes()::toString);

            file.put("weights", square.weights);
            file.put("gradients", VerifyJson.parameters(g.weights(), g.biases()));
            assertTrue(verify(file).match(), "the same file written [from][to]");
        }
    }

    @Test
    void a_gradient_of_the_mean_squared_error_over_the_outputs_is_named_as_that_cost() {
        HandWrittenNet quadratic = new HandWrittenNet(6, "sigmoid", "sigmoid", "quadratic", 3, 4, 5);
        double[][][] batch = VerifyJson.batch(quadratic, 3, 5);
        HandWrittenNet.Result g = quadratic.gradient(batch[0], batch[1], true, Set.of());
        for (double factor : new double[] {2.0 / 5, 1.0 / 5}) {
            double[][][] w = g.weights();
            double[][][] sw = new double[w.length][][];
            double[][] sb = new double[g.biases().length][];
            for (int i = 0; i < w.length; i++) {
                sw[i] = new double[w[i].length][];
                for (int j = 0; j < w[i].length; j++) {
                    sw[i][j] = Arrays.stream(w[i][j]).map(v -> v * factor).toArray();
                }
                sb[i] = Arrays.stream(g.biases()[i]).map(v -> v * factor).toArray();
            }
            Map<String, Object> file = VerifyJson.network(quadratic, batch[0], batch[1], "mean");
            file.put("gradients", VerifyJson.parameters(sw, sb));
            VerifyReport r = verify(file);
            assertEquals(Set.of(DiagnosisKind.MEAN_OVER_OUTPUTS), GradientDiagnosisTest.kinds(r), r.diagnoses()::toString);
            String m = r.diagnoses().get(0).message();
            assertTrue(m.contains((factor == 2.0 / 5 ? "2/5" : "1/5") + " for 5 outputs: your cost is the "), m);
            assertTrue(m.contains("multiply it by " + (factor == 2.0 / 5 ? "2.5" : "5") + " in the file"), m);
        }
    }

    @Test
    void a_velocity_kept_as_pytorch_keeps_it_is_named_as_that_convention() {
        double eta = 0.5;
        double[][][] vw = new double[NET.depth()][][];
        double[][] vb = new double[NET.depth()][];
        double[][][] torchW = new double[NET.depth()][][];
        double[][] torchB = new double[NET.depth()][];
        Random random = new Random(3);
        for (int i = 0; i < NET.depth(); i++) {
            vw[i] = new double[NET.layers[i]][NET.layers[i + 1]];
            torchW[i] = new double[NET.layers[i]][NET.layers[i + 1]];
            for (int j = 0; j < NET.layers[i]; j++) {
                for (int k = 0; k < NET.layers[i + 1]; k++) {
                    vw[i][j][k] = 0.05 * random.nextGaussian();
                    torchW[i][j][k] = vw[i][j][k] / -eta;
                }
            }
            vb[i] = new double[NET.layers[i + 1]];
            torchB[i] = new double[NET.layers[i + 1]];
            for (int k = 0; k < vb[i].length; k++) {
                vb[i][k] = 0.05 * random.nextGaussian();
                torchB[i][k] = vb[i][k] / -eta;
            }
        }
        double[][][] batch = VerifyJson.batch(NET, 4, 9);
        HandWrittenNet after = NET.step(batch[0], batch[1], new HandWrittenNet.StepSettings(eta, 0, 1, 0.9, vw, vb), Set.of(), Set.of());
        Map<String, Object> file = VerifyJson.network(NET, batch[0], batch[1], "mean");
        file.put("learningRate", eta);
        file.put("momentum", 0.9);
        file.put("after", VerifyJson.parameters(after.weights, after.biases));
        file.put("velocityBefore", VerifyJson.parameters(vw, vb));
        assertTrue(Verifier.verifyStep(VerifyFileReader.fromJson("s.json", VerifyJson.json(file)), Tolerance.DEFAULT).match());

        file.put("velocityBefore", VerifyJson.parameters(torchW, torchB));
        VerifyReport r = Verifier.verifyStep(VerifyFileReader.fromJson("s.json", VerifyJson.json(file)), Tolerance.DEFAULT);
        assertFalse(r.match());
        assertEquals(Set.of(DiagnosisKind.VELOCITY_PER_GRADIENT), GradientDiagnosisTest.kinds(r), r.diagnoses()::toString);
        assertEquals(-eta, r.diagnoses().get(0).value());
    }

    @Test
    void an_unexplained_step_is_pointed_at_the_update_or_asked_for_the_gradient() {
        double[][][] batch = VerifyJson.batch(NET, 4, 9);
        HandWrittenNet after = NET.step(batch[0], batch[1], HandWrittenNet.StepSettings.plain(0.5), Set.of(), Set.of());
        after.weights[1][2][0] += 0.0625;  // a slip in the update no known mistake makes
        HandWrittenNet.Result g = NET.gradient(batch[0], batch[1], true, Set.of());
        Map<String, Object> file = VerifyJson.network(NET, batch[0], batch[1], "mean");
        file.put("learningRate", 0.5);
        file.put("after", VerifyJson.parameters(after.weights, after.biases));
        VerifyReport without = Verifier.verifyStep(VerifyFileReader.fromJson("s.json", VerifyJson.json(file)), Tolerance.DEFAULT);
        assertTrue(without.diagnoses().isEmpty(), without.diagnoses()::toString);
        assertTrue(last(without.notes()).contains("add 'gradients' (your backprop's output on this batch) to the file to tell a wrong"
                + " gradient from a wrong update"), without.notes()::toString);

        file.put("gradients", VerifyJson.parameters(g.weights(), g.biases()));
        VerifyReport with = Verifier.verifyStep(VerifyFileReader.fromJson("s.json", VerifyJson.json(file)), Tolerance.DEFAULT);
        assertTrue(with.diagnoses().isEmpty(), with.diagnoses()::toString);
        assertTrue(last(with.notes()).contains("Your gradient agrees with the reference, so the mistake is in the update"),
                with.notes()::toString);

        // A later step with momentum but no velocity given: the velocity, not the update, is the first suspect.
        file.put("momentum", 0.9);
        VerifyReport momentum = Verifier.verifyStep(VerifyFileReader.fromJson("s.json", VerifyJson.json(file)), Tolerance.DEFAULT);
        assertTrue(last(momentum.notes()).contains("give 'velocityBefore' before looking for a mistake in the update"), momentum.notes()::toString);
    }

    @Test
    void a_factor_two_mistakes_give_alike_names_both() {
        // Gradient: 1/5 on a batch of 5 is the mean divided again, and for 10 outputs 2/10 is the MSE over them.
        HandWrittenNet ten = new HandWrittenNet(2, "sigmoid", "sigmoid", "quadratic", 3, 4, 10);
        double[][][] batch = VerifyJson.batch(ten, 5, 5);
        HandWrittenNet.Result g = ten.gradient(batch[0], batch[1], true, Set.of());
        Map<String, Object> file = VerifyJson.network(ten, batch[0], batch[1], "mean");
        file.put("gradients", VerifyJson.parameters(scaled(g.weights(), 0.2), scaled(g.biases(), 0.2)));
        Diagnosis d = verify(file).diagnoses().get(0);
        assertEquals(DiagnosisKind.DIVIDED_BY_BATCH_TWICE, d.kind());
        assertTrue(d.message().contains("The same factor also fits the mean squared error over the 10 outputs (2/10)"), d.message());

        // Step: η = 0.1 at batch 10 makes "η twice" and "divided by the batch again" the same 0.1.
        HandWrittenNet net = new HandWrittenNet(21, "sigmoid", "sigmoid", "cross-entropy", 3, 5, 2);
        double[][][] b = VerifyJson.batch(net, 10, 9);
        HandWrittenNet after = net.step(b[0], b[1], HandWrittenNet.StepSettings.plain(0.1), Set.of(),
                Set.of(HandWrittenNet.StepBug.LEARNING_RATE_TWICE));
        Map<String, Object> step = VerifyJson.network(net, b[0], b[1], "mean");
        step.put("learningRate", 0.1);
        step.put("after", VerifyJson.parameters(after.weights, after.biases));
        VerifyReport r = Verifier.verifyStep(VerifyFileReader.fromJson("s.json", VerifyJson.json(step)), Tolerance.DEFAULT);
        assertEquals(1, r.diagnoses().size(), r.diagnoses()::toString);
        Diagnosis s = r.diagnoses().get(0);
        assertEquals(DiagnosisKind.LEARNING_RATE_TWICE, s.kind());
        assertTrue(s.message().contains("The same factor also fits the batch mean divided by the batch size again (1/10)"), s.message());
    }

    private static double[][][] scaled(double[][][] w, double f) {
        double[][][] r = new double[w.length][][];
        for (int i = 0; i < w.length; i++) {
            r[i] = scaled(w[i], f);
        }
        return r;
    }

    private static double[][] scaled(double[][] b, double f) {
        return Arrays.stream(b).map(row -> Arrays.stream(row).map(v -> v * f).toArray()).toArray(double[][]::new);
    }

    @Test
    void a_negative_gradient_beside_a_right_step_is_named_as_a_convention_not_a_sign_error() {
        double[][][] batch = VerifyJson.batch(NET, 4, 9);
        HandWrittenNet after = NET.step(batch[0], batch[1], HandWrittenNet.StepSettings.plain(0.5), Set.of(), Set.of());
        HandWrittenNet.Result g = NET.gradient(batch[0], batch[1], true, Set.of());
        Map<String, Object> file = VerifyJson.network(NET, batch[0], batch[1], "mean");
        file.put("learningRate", 0.5);
        file.put("after", VerifyJson.parameters(after.weights, after.biases));
        file.put("gradients", VerifyJson.parameters(scaled(g.weights(), -1), scaled(g.biases(), -1)));
        VerifyReport r = Verifier.verifyStep(VerifyFileReader.fromJson("s.json", VerifyJson.json(file)), Tolerance.DEFAULT);
        assertEquals(Set.of(DiagnosisKind.NEGATIVE_GRADIENT_STORED), GradientDiagnosisTest.kinds(r), r.diagnoses()::toString);
        // Without the step, nothing says the sign is a convention: a sign error it is.
        VerifyReport plain = verify(file);
        assertEquals(Set.of(DiagnosisKind.SIGN_FLIPPED), GradientDiagnosisTest.kinds(plain), plain.diagnoses()::toString);
    }

    @Test
    void a_forward_pass_and_deltas_without_a_gradient_are_verified() {
        double[][][] batch = VerifyJson.batch(NET, 1, 5);
        HandWrittenNet.Result right = NET.gradient(batch[0], batch[1], true, Set.of());
        HandWrittenNet.Result wrong = NET.gradient(batch[0], batch[1], true, Set.of(Bug.HIDDEN_WITHOUT_SIGMA_PRIME));
        Map<String, Object> file = VerifyJson.network(NET, batch[0], batch[1], "mean");
        file.put("activations", right.activations()[0]);
        file.put("deltas", right.deltas()[0]);
        VerifyReport ok = verify(file);
        assertTrue(ok.match(), ok::toString);
        assertEquals(3, ok.activations().size());
        assertEquals(List.of(), ok.gradients());

        file.put("deltas", wrong.deltas()[0]);
        VerifyReport r = verify(file);
        assertFalse(r.match());
        assertTrue(last(r.notes()).endsWith(", or add 'gradients' to the file to see where the numbers part."), r.notes()::toString);
    }

    @Test
    void other_libraries_words_are_understood_or_translated() {
        Map<String, Object> file = file(NET, Set.of(), false);
        file.put("reduction", "Average");
        assertTrue(verify(file).match(), "\"Average\" is the mean");

        file.put("cost", "mse");
        String mse = assertThrows(InvalidInputException.class, () -> verify(file)).getMessage();
        assertEquals("net.json: Unknown cost 'mse'; the squared error is quadratic here (½‖a − y‖²; a mean over the outputs differs from it"
                + " by a constant factor); use one of quadratic, cross-entropy, log-likelihood.", mse);
        file.put("cost", "categorical_crossentropy");
        assertTrue(assertThrows(InvalidInputException.class, () -> verify(file)).getMessage()
                .contains("−Σ y ln a after a softmax output is log-likelihood here"));

        Map<String, Object> labels = file(NET, Set.of(), false);
        labels.put("labels", labels.remove("targets"));
        assertEquals("net.json: 'targets' is missing, but the file has 'labels' (misspelt?).",
                assertThrows(InvalidInputException.class, () -> verify(labels)).getMessage());

        Map<String, Object> indices = file(NET, Set.of(), false);
        indices.put("targets", List.of(1.0, 0.0, 1.0));
        assertEquals("net.json: 'targets' holds one number per example, class indices perhaps, but the network has 2 outputs: give each"
                + " example's target as 2 values, one-hot for a class (class 1 of 2 is [0, 1]).",
                assertThrows(InvalidInputException.class, () -> verify(indices)).getMessage());
    }

    @Test
    void a_softmax_file_that_says_cross_entropy_is_told_about_log_likelihood() {
        HandWrittenNet softmax = new HandWrittenNet(3, "sigmoid", "softmax", "log-likelihood", 2, 4, 3);
        Map<String, Object> file = file(softmax, Set.of(), false);
        assertTrue(verify(file).match());
        file.put("cost", "cross-entropy");
        VerifyReport r = verify(file);
        assertFalse(r.match());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("With a softmax output, \"cross-entropy\" is")
                && n.endsWith("set \"cost\": \"log-likelihood\".")), r.notes()::toString);
    }

    @Test
    void a_missing_field_names_the_misspelling_the_file_has() {
        Map<String, Object> file = file(NET, Set.of(), false);
        file.put("gradient", file.remove("gradients"));
        String m = assertThrows(InvalidInputException.class, () -> verify(file)).getMessage();
        assertEquals("net.json: 'gradients' is missing, but the file has 'gradient' (misspelt?).", m);

        Map<String, Object> step = file(NET, Set.of(), false);
        step.put("after", VerifyJson.parameters(NET.weights, NET.biases));
        step.put("learning_rate", 0.5);
        m = assertThrows(InvalidInputException.class, () -> Verifier.verifyStep(VerifyFileReader.fromJson("net.json", VerifyJson.json(step)),
                Tolerance.DEFAULT)).getMessage();
        assertEquals("net.json: 'learningRate' is missing, but the file has 'learning_rate' (misspelt?).", m);
        // The gradient check does not need the step: it runs, and says why the step was not read.
        VerifyReport gradientOnly = verify(step);
        assertTrue(gradientOnly.match(), gradientOnly::toString);
        assertTrue(gradientOnly.notes().contains("The step was not read, which only verify --step needs: " + m), gradientOnly.notes()::toString);

        Map<String, Object> inner = file(NET, Set.of(), false);
        @SuppressWarnings("unchecked")
        Map<String, Object> gradients = (Map<String, Object>) inner.get("gradients");
        gradients.put("weight", gradients.remove("weights"));
        m = assertThrows(InvalidInputException.class, () -> verify(inner)).getMessage();
        assertEquals("net.json: 'gradients.weights' is missing, but the file has 'weight' (misspelt?).", m);

        // Nothing alike: the plain sentence.
        Map<String, Object> none = file(NET, Set.of(), false);
        none.remove("gradients");
        none.put("zzz", 1);
        m = assertThrows(InvalidInputException.class, () -> verify(none)).getMessage();
        assertEquals("net.json: 'gradients' is missing, and so are 'activations' and 'deltas': there is nothing to verify.", m);
    }

    @Test
    void a_batch_stored_one_column_per_example_is_refused_with_the_transpose_to_make() {
        double[][][] batch = VerifyJson.batch(NET, 5, 5);
        Map<String, Object> file = VerifyJson.network(NET, transpose(batch[0]), batch[1], "mean");
        String m = assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("net.json", VerifyJson.json(file))).getMessage();
        assertEquals("net.json: 'inputs' has 3 rows of 5 values, but should have one row of 3 values per example; it looks stored one"
                + " column per example (numpy's (3, examples) layout), so transpose it (X.T.tolist()).", m);
    }

    @Test
    void one_examples_layers_given_for_a_batch_say_the_layout_wanted() {
        double[][][] batch = VerifyJson.batch(NET, 3, 5);
        HandWrittenNet.Result g = NET.gradient(batch[0], batch[1], true, Set.of());
        for (boolean columns : new boolean[] {false, true}) {
            Map<String, Object> file = VerifyJson.network(NET, batch[0], batch[1], "mean");
            double[][] one = g.activations()[0];
            file.put("activations", columns ? columns(one) : one);
            String m = assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("net.json", VerifyJson.json(file))).getMessage();
            assertTrue(m.startsWith("net.json: 'activations' holds one example's layers, but with 'inputs' it needs one list of layers"
                    + " per example, activations[example][layer][neuron]"), columns + ": " + m);
        }
    }

    @Test
    void a_null_where_a_number_belongs_is_named_as_what_javascript_writes_for_nan() {
        String text = VerifyJson.json(file(NET, Set.of(), false)).replaceFirst("\"biases\": \\[\\[[^,\\]]+", "\"biases\": [[null");
        String m = assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("net.json", text)).getMessage();
        assertEquals("net.json: 'biases[0][0]' is null, not a number (JSON.stringify writes NaN and Infinity as null: was it one?).", m);
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    private static List<List<double[]>> columns(double[][] layers) {
        return Arrays.stream(layers).map(l -> Arrays.stream(l).mapToObj(v -> new double[] {v}).toList()).toList();
    }

    private static String last(List<String> notes) {
        return notes.get(notes.size() - 1);
    }
}
