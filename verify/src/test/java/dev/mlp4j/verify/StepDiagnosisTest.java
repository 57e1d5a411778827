package dev.mlp4j.verify;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.verify.HandWrittenNet.StepBug;
import dev.mlp4j.verify.HandWrittenNet.StepSettings;
import dev.mlp4j.verify.compare.Tolerance;
import dev.mlp4j.verify.file.VerifyFile;
import dev.mlp4j.verify.file.VerifyFileReader;
import dev.mlp4j.verify.mistake.Diagnosis;
import dev.mlp4j.verify.mistake.DiagnosisKind;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each wrong way to take a training step, made on purpose by {@link HandWrittenNet}, is named, and nothing else is. */
class StepDiagnosisTest {
    private static final HandWrittenNet NET = new HandWrittenNet(21, "sigmoid", "sigmoid", "cross-entropy", 3, 5, 2);
    private static final int BATCH = 4;

    private static VerifyReport step(HandWrittenNet net, StepSettings s, Set<HandWrittenNet.Bug> gradientBugs, Set<StepBug> bugs,
                                     boolean withGradients) {
        double[][][] batch = VerifyJson.batch(net, BATCH, 9);
        HandWrittenNet after = net.step(batch[0], batch[1], s, gradientBugs, bugs);
        Map<String, Object> file = VerifyJson.network(net, batch[0], batch[1], "mean");
        file.put("learningRate", s.eta());
        file.put("after", VerifyJson.parameters(after.weights, after.biases));
        if (s.lambda() > 0) {
            file.put("l2", s.lambda());
            file.put("n", s.n());
        }
        if (s.mu() > 0) {
            file.put("momentum", s.mu());
            if (s.velocityW() != null) {
                file.put("velocityBefore", VerifyJson.parameters(s.velocityW(), s.velocityB()));
            }
        }
        if (withGradients) {
            HandWrittenNet.Result g = net.gradient(batch[0], batch[1], true, gradientBugs);
            file.put("gradients", VerifyJson.parameters(g.weights(), g.biases()));
        }
        return Verifier.verifyStep(VerifyFileReader.fromJson("step.json", VerifyJson.json(file)), Tolerance.DEFAULT);
    }

    private static VerifyReport step(StepSettings s, StepBug... bugs) {
        return step(NET, s, Set.of(), bugs.length == 0 ? Set.of() : EnumSet.of(bugs[0], bugs), false);
    }

    private static Diagnosis only(VerifyReport r, DiagnosisKind kind) {
        assertFalse(r.match(), "a mistaken step verified as matching");
        assertEquals(EnumSet.of(kind), GradientDiagnosisTest.kinds(r), () -> "diagnoses: " + r.diagnoses());
        return r.diagnoses().get(0);
    }

    private static StepSettings withMomentum() {
        Random random = new Random(3);
        double[][][] vw = new double[NET.depth()][][];
        double[][] vb = new double[NET.depth()][];
        for (int i = 0; i < NET.depth(); i++) {
            vw[i] = new double[NET.layers[i]][NET.layers[i + 1]];
            vb[i] = new double[NET.layers[i + 1]];
            for (double[] row : vw[i]) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = 0.05 * random.nextGaussian();
                }
            }
            for (int k = 0; k < vb[i].length; k++) {
                vb[i][k] = 0.05 * random.nextGaussian();
            }
        }
        return new StepSettings(0.5, 0, 1, 0.9, vw, vb);
    }

    private static final StepSettings L2 = new StepSettings(0.5, 5.0, 1000, 0, null, null);

    @Test
    void correct_steps_match_plain_with_l2_and_with_momentum() {
        for (StepSettings s : List.of(StepSettings.plain(0.5), L2, withMomentum())) {
            VerifyReport r = step(s);
            assertTrue(r.match(), () -> s + ": " + r.step());
            assertTrue(r.diagnoses().isEmpty());
            assertEquals(4, r.step().size());
        }
    }

    @Test
    void per_example_updates_at_rate_over_batch_are_named() {
        Diagnosis d = only(step(StepSettings.plain(0.5), StepBug.PER_EXAMPLE), DiagnosisKind.PER_EXAMPLE_UPDATES);
        assertEquals(0.125, d.value(), 1e-12);
        assertTrue(d.message().contains("never accumulated"), d.message());
    }

    @Test
    void per_example_updates_at_the_full_rate_are_named() {
        Diagnosis d = only(step(StepSettings.plain(0.5), StepBug.PER_EXAMPLE_FULL_RATE), DiagnosisKind.PER_EXAMPLE_UPDATES);
        assertEquals(0.5, d.value(), 1e-12);
    }

    @Test
    void per_example_updates_with_l2_are_still_per_example_updates() {
        only(step(L2, StepBug.PER_EXAMPLE), DiagnosisKind.PER_EXAMPLE_UPDATES);
    }

    @Test
    void a_summed_batch_is_named() {
        Diagnosis d = only(step(StepSettings.plain(0.5), StepBug.SUMMED), DiagnosisKind.SUMMED_NOT_AVERAGED);
        assertEquals(4.0, d.value());
        // With L2 the step is no multiple of the reference, but the summed-gradient rule still reproduces it.
        only(step(L2, StepBug.SUMMED), DiagnosisKind.SUMMED_NOT_AVERAGED);
    }

    @Test
    void gradient_ascent_is_named() {
        only(step(StepSettings.plain(0.5), StepBug.ASCENT), DiagnosisKind.SIGN_FLIPPED);
    }

    @Test
    void a_learning_rate_applied_twice_or_not_at_all_is_named() {
        StepSettings s = StepSettings.plain(0.3);
        assertEquals(0.3, only(step(s, StepBug.LEARNING_RATE_TWICE), DiagnosisKind.LEARNING_RATE_TWICE).value(), 1e-9);
        only(step(s, StepBug.LEARNING_RATE_MISSING), DiagnosisKind.LEARNING_RATE_MISSING);
    }

    @Test
    void parameters_the_update_skips_are_listed_as_ranges() {
        Diagnosis d = only(step(StepSettings.plain(0.5), StepBug.SKIPS_SOME_BIASES), DiagnosisKind.PARAMETERS_NOT_UPDATED);
        assertEquals(List.of("biases[0][2..3]"), d.arrays());
        assertEquals(2.0, d.value());
        assertTrue(d.message().contains("biases[0][2..3]"), d.message());
    }

    @Test
    void parameters_that_move_where_their_gradient_is_zero_are_listed() {
        // Hidden unit 1 is dead (z < 0 for every example), so nothing leading into it may move; a leaky relu'
        // moves the weights into it and its bias.
        HandWrittenNet net = new HandWrittenNet(22, "relu", "sigmoid", "cross-entropy", 3, 3, 2);
        net.biases[0][0] = 5;
        net.biases[0][1] = -10;
        net.biases[0][2] = 5;
        VerifyReport r = step(net, StepSettings.plain(0.5), Set.of(HandWrittenNet.Bug.LEAKY_RELU_DERIVATIVE), Set.of(), false);
        Diagnosis d = only(r, DiagnosisKind.PARAMETERS_MOVED_UNEXPECTEDLY);
        assertEquals(List.of("weights[0][0][1]", "weights[0][1][1]", "weights[0][2][1]", "biases[0][1]"), d.arrays());
    }

    @Test
    void l2_mistakes_are_named_each_as_itself() {
        only(step(L2, StepBug.L2_IGNORED), DiagnosisKind.L2_IGNORED);
        only(step(L2, StepBug.L2_ON_BIASES), DiagnosisKind.L2_ON_BIASES);
        only(step(L2, StepBug.L2_NOT_DIVIDED_BY_N), DiagnosisKind.L2_NOT_DIVIDED_BY_N);
        HandWrittenNet net = NET.copy();
        net.batchSizeForL2 = BATCH;
        only(step(net, L2, Set.of(), Set.of(StepBug.L2_DIVIDED_BY_BATCH), false), DiagnosisKind.L2_DIVIDED_BY_BATCH);
    }

    @Test
    void ignored_momentum_is_named_when_the_velocity_is_given() {
        Diagnosis d = only(step(withMomentum(), StepBug.MOMENTUM_IGNORED), DiagnosisKind.MOMENTUM_IGNORED);
        assertEquals(0.9, d.value());
    }

    @Test
    void momentum_mistakes_that_a_velocity_reveals_are_named() {
        only(step(withMomentum(), StepBug.ASCENT), DiagnosisKind.SIGN_FLIPPED);
        only(step(withMomentum(), StepBug.STALE_VELOCITY), DiagnosisKind.STALE_VELOCITY);
    }

    @Test
    void momentum_without_a_velocity_cannot_be_told_from_plain_sgd_and_says_so() {
        StepSettings s = new StepSettings(0.5, 0, 1, 0.9, null, null);
        VerifyReport r = step(s, StepBug.MOMENTUM_IGNORED);
        assertTrue(r.match());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("give 'velocityBefore'")), r.notes()::toString);
    }

    @Test
    void a_wrong_gradient_in_a_step_file_is_named_by_the_gradient_check() {
        VerifyReport r = step(NET, StepSettings.plain(0.5), Set.of(HandWrittenNet.Bug.OUTPUT_TIMES_SIGMA_PRIME), Set.of(), true);
        assertFalse(r.match());
        assertEquals(EnumSet.of(DiagnosisKind.OUTPUT_DELTA_TIMES_SIGMA_PRIME), GradientDiagnosisTest.kinds(r), r.diagnoses()::toString);
        assertEquals(1, r.diagnoses().size(), "named once, not again from the step: " + r.diagnoses());
        assertFalse(r.step().get(0).agrees(), "the step made with that gradient is wrong too");
    }

    @Test
    void a_wrong_gradient_is_named_from_the_step_alone_when_the_file_has_no_gradient() {
        for (HandWrittenNet.Bug bug : List.of(HandWrittenNet.Bug.OUTPUT_TIMES_SIGMA_PRIME, HandWrittenNet.Bug.SIGMA_PRIME_OF_ACTIVATION)) {
            VerifyReport r = step(NET, StepSettings.plain(0.5), Set.of(bug), Set.of(), false);
            assertFalse(r.match());
            assertEquals(1, r.diagnoses().size(), r.diagnoses()::toString);
            assertTrue(r.diagnoses().get(0).message().endsWith("(Seen in the step: the update itself is right; the gradient it applies is not.)"),
                    r.diagnoses()::toString);
        }
    }

    @Test
    void a_step_compares_changes_so_small_steps_on_large_weights_are_still_seen() {
        VerifyReport r = step(new StepSettings(1e-4, 0, 1, 0, null, null), StepBug.SUMMED);
        assertFalse(r.match());
        assertTrue(r.step().get(0).maxRelativeError() > 0.5, r.step()::toString);
    }

    @Test
    void verify_step_needs_a_step_and_verify_needs_a_gradient() {
        double[][][] batch = VerifyJson.batch(NET, 2, 1);
        Map<String, Object> file = VerifyJson.network(NET, batch[0], batch[1], "mean");
        VerifyFile noStep = VerifyFileReader.fromJson("g.json", VerifyJson.json(file));
        assertTrue(assertThrows(InvalidInputException.class, () -> Verifier.verifyStep(noStep, Tolerance.DEFAULT))
                .getMessage().startsWith("g.json: 'after' is missing"));
        file.put("learningRate", 0.5);
        file.put("after", VerifyJson.parameters(NET.weights, NET.biases));
        VerifyFile noGradient = VerifyFileReader.fromJson("s.json", VerifyJson.json(file));
        String message = assertThrows(InvalidInputException.class, () -> Verifier.verify(noGradient, Tolerance.DEFAULT)).getMessage();
        assertTrue(message.contains("'gradients' is missing") && message.contains("verify --step"), message);
    }
}
