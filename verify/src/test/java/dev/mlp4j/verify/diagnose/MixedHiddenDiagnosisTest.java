package dev.mlp4j.verify.diagnose;

import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.WeightInit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** diagnose on a network whose hidden layers have different activations measures and names each layer's own. */
class MixedHiddenDiagnosisTest {
    private static final List<Activation> HIDDEN = List.of(Activation.SIGMOID, Activation.SIGMOID, Activation.TANH,
            Activation.SIGMOID, Activation.SIGMOID);

    @Test
    void each_layer_is_measured_with_its_activation_and_the_depth_advice_names_them_all() {
        NetworkSpec spec = NetworkSpec.of(HIDDEN, Activation.SIGMOID, Cost.CROSS_ENTROPY, 20, 20, 20, 20, 20, 20, 4);
        DiagnoseReport r = NetworkDiagnosis.run(WeightInit.NORMAL_SCALED.initialise(spec, new Random(1)),
                NetworkDiagnosisTest.batches(spec, 4, 50, 1, 7), 0.5, Thresholds.DEFAULT);
        for (int l = 0; l < HIDDEN.size(); l++) {
            assertEquals(HIDDEN.get(l), r.layers().get(l).activation(), "layer " + (l + 1));
        }
        Finding f = r.findings().stream().filter(x -> x.kind() == FindingKind.VANISHING_GRADIENT).findFirst()
                .orElseThrow(() -> new AssertionError("no vanishing-gradient: " + r.findings()));
        assertTrue(f.advice().contains("its 5 hidden layers (sigmoid,sigmoid,tanh,sigmoid,sigmoid) pass on δ times their units' slopes"),
                f.advice());
        assertTrue(f.advice().contains("(σ' is at most 1/4)") && f.advice().contains("or relu ones"), f.advice());
    }
}
