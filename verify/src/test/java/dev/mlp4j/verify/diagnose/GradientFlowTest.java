package dev.mlp4j.verify.diagnose;

import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vanishing- and exploding-gradient findings measure how the backward signal changes with depth, not with
 * width: a wide shallow network at a fan-in-scaled initialisation is not flagged, a deep sigmoid stack is, and the
 * advice fits what is actually wrong.
 */
class GradientFlowTest {
    private static DiagnoseReport diagnose(NetworkSpec spec, Parameters p) {
        return NetworkDiagnosis.run(p, NetworkDiagnosisTest.batches(spec, 4, 50, 1, 7), 0.5, Thresholds.DEFAULT);
    }

    private static boolean has(DiagnoseReport r, FindingKind kind) {
        return r.findings().stream().anyMatch(f -> f.kind() == kind);
    }

    private static Finding vanishing(DiagnoseReport r) {
        return r.findings().stream().filter(f -> f.kind() == FindingKind.VANISHING_GRADIENT).findFirst()
                .orElseThrow(() -> new AssertionError("no vanishing-gradient: " + r.findings()));
    }

    @Test
    void a_wide_shallow_sigmoid_network_at_a_fan_in_scaled_initialisation_has_no_vanishing_gradient() {
        // The learner's networks: one hidden unit's δ sums over the few output units, whose weights are ~1/√fan_in,
        // so the per-unit δ shrinks with the width alone; the δ over the layer's units does not.
        for (int[] layers : List.of(new int[] {2, 1000, 1}, new int[] {2, 300, 300, 1}, new int[] {784, 100, 10})) {
            NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, layers);
            for (WeightInit init : new WeightInit[] {WeightInit.NORMAL_SCALED, WeightInit.XAVIER}) {
                DiagnoseReport r = diagnose(spec, init.initialise(spec, new Random(1)));
                assertFalse(has(r, FindingKind.VANISHING_GRADIENT), spec + " " + init + ": " + r.findings());
                assertFalse(has(r, FindingKind.EXPLODING_GRADIENT), spec + " " + init + ": " + r.findings());
            }
        }
    }

    @Test
    void the_ratio_does_not_change_with_the_width_of_a_hidden_layer() {
        double[] ratios = new double[3];
        int[] widths = {30, 300, 3000};
        for (int i = 0; i < widths.length; i++) {
            NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 20, widths[i], 4);
            ratios[i] = diagnose(spec, WeightInit.NORMAL_SCALED.initialise(spec, new Random(1))).layers().get(0).gradientRatio();
        }
        // A sigmoid layer near z = 0 passes δ on times σ' ≈ 0.2 whatever its width.
        for (double ratio : ratios) {
            assertTrue(ratio > 0.1 && ratio < 0.3, java.util.Arrays.toString(ratios));
        }
        assertEquals(ratios[0], ratios[2], 0.3 * ratios[0], java.util.Arrays.toString(ratios));
    }

    @Test
    void saturated_units_are_named_as_the_cause_with_the_fix_that_fits_where_the_weights_came_from() {
        // Pixels 0..255 saturate layer 1 of a network at normal-scaled: its σ' is near 0 and stops δ.
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 100, 20, 20, 20, 4);
        Parameters p = WeightInit.NORMAL_SCALED.initialise(spec, new Random(1));
        List<Batch> raw = NetworkDiagnosisTest.batches(spec, 4, 50, 255, 7);
        Map<WeightsOrigin, String> fixes = Map.of(
                WeightsOrigin.initialised(null), "use --init normal-scaled and scale the inputs",
                WeightsOrigin.initialised(WeightInit.NORMAL), "use --init normal-scaled and scale the inputs",
                WeightsOrigin.initialised(WeightInit.NORMAL_SCALED), "(see saturated): scale the inputs",
                WeightsOrigin.TRAINED, "train with --l2 to keep the weights small, and scale the inputs",
                WeightsOrigin.HAND_WRITTEN, "draw the weights with standard deviation 1/√fan_in (mlp4j's --init normal-scaled) and scale the inputs");
        for (Map.Entry<WeightsOrigin, String> e : fixes.entrySet()) {
            DiagnoseReport r = NetworkDiagnosis.run(p, raw, 0.5, Thresholds.DEFAULT, e.getKey());
            Finding f = vanishing(r);
            assertTrue(f.advice().contains("the units of layer 1 are saturated"), f.advice());
            assertTrue(f.advice().contains(e.getValue()), e.getKey() + ": " + f.advice());
            if (e.getKey().uses(WeightInit.NORMAL_SCALED)) {
                for (Finding any : r.findings()) {
                    assertFalse(any.advice().contains("(--init normal-scaled)") && !any.advice().contains("already"), any.advice());
                }
            }
        }
    }

    @Test
    void saturation_at_the_initialisation_in_use_is_not_advised_that_initialisation() {
        // tanh saturates beyond |z| = 2, where normal-scaled's N(0, 1) biases put z often enough (16 % in layers 2
        // and 4 of 784,30,30,30,30,30,10 on MNIST); doubled here, so that every hidden layer shows it.
        NetworkSpec spec = NetworkSpec.of(Activation.TANH, Activation.SIGMOID, Cost.CROSS_ENTROPY, 20, 30, 30, 30, 4);
        Parameters p = WeightInit.NORMAL_SCALED.initialise(spec, new Random(1));
        for (int l = 0; l < 3; l++) {
            for (int j = 0; j < 30; j++) {
                p.biases(l)[j] *= 2;
            }
        }
        DiagnoseReport r = NetworkDiagnosis.run(p, NetworkDiagnosisTest.batches(spec, 4, 50, 1, 7), 0.5, Thresholds.DEFAULT,
                WeightsOrigin.initialised(WeightInit.NORMAL_SCALED));
        List<Finding> saturated = r.findings().stream().filter(f -> f.kind() == FindingKind.SATURATED).toList();
        assertFalse(saturated.isEmpty(), r.findings()::toString);
        for (Finding f : saturated) {
            assertTrue(f.advice().contains("already have standard deviation") && f.advice().contains("use --init xavier"), f.advice());
        }
    }

    @Test
    void large_weights_offset_their_saturated_slopes_so_a_deep_stack_at_normal_is_found_saturated_not_vanishing() {
        // N(0, 1) weights on 30 units pass δ on times about √30 ≈ 5.5 while the saturated slopes let through about a
        // tenth: δ shrinks only about twofold a layer. What to change is the saturation, found in every hidden layer.
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 784, 30, 30, 30, 30, 30, 10);
        DiagnoseReport r = diagnose(spec, WeightInit.NORMAL.initialise(spec, new Random(1)));
        for (LayerStatistics s : r.layers().subList(1, 6)) {
            assertTrue(s.weightsGain() > 3 && s.weightsGain() < 8, s.toString());
            assertTrue(s.layer() == 6 || s.slopeFactor() < 0.3, s.toString());
        }
        for (int layer = 1; layer <= 5; layer++) {
            int l = layer;
            assertTrue(r.findings().stream().anyMatch(f -> f.kind() == FindingKind.SATURATED && f.layer() == l), r.findings()::toString);
        }
        assertFalse(has(r, FindingKind.VANISHING_GRADIENT), r.findings()::toString);
    }

    @Test
    void a_deep_sigmoid_stack_at_normal_scaled_vanishes_at_any_width() {
        for (int width : new int[] {30, 100}) {
            NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 784, width, width, width,
                    width, width, 10);
            DiagnoseReport r = diagnose(spec, WeightInit.NORMAL_SCALED.initialise(spec, new Random(1)));
            Finding f = vanishing(r);
            assertTrue(f.value() < 1e-3, f.toString());
            assertTrue(f.advice().contains("its 5 sigmoid hidden layers pass on δ times their units' slopes"), f.advice());
        }
    }

    @Test
    void an_unsaturated_deep_sigmoid_stack_is_told_about_its_depth_and_activation_not_to_unsaturate_or_reinitialise() {
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 20, 20, 20, 20, 20, 20, 4);
        DiagnoseReport r = diagnose(spec, WeightInit.NORMAL_SCALED.initialise(spec, new Random(1)));
        for (LayerStatistics s : r.layers()) {
            assertTrue(s.saturatedFraction() < Thresholds.DEFAULT.saturated(), s.toString());
        }
        Finding f = vanishing(r);
        assertTrue(f.value() < 1e-2, f.toString());
        assertFalse(f.advice().contains("unsaturate"), f.advice());
        assertFalse(f.advice().contains("--init normal-scaled"), "the default init, maybe the one in use: " + f.advice());
        assertTrue(f.advice().contains("fewer") && f.advice().contains("relu"), f.advice());
    }

    @Test
    void small_weights_are_named_as_the_cause_with_their_layer() {
        NetworkSpec spec = NetworkSpec.of(Activation.TANH, Activation.SIGMOID, Cost.CROSS_ENTROPY, 20, 20, 20, 20, 4);
        Parameters p = WeightInit.NORMAL_SCALED.initialise(spec, new Random(1));
        for (int l = 1; l < spec.depth(); l++) {
            for (int i = 0; i < p.weights(l).length; i++) {
                p.weights(l)[i] *= 0.05;
            }
        }
        Finding f = vanishing(diagnose(spec, p));
        assertFalse(f.advice().contains("unsaturate"), f.advice());
        assertTrue(f.advice().contains("weights of layers 2, 3, 4 are small"), f.advice());
    }
}
