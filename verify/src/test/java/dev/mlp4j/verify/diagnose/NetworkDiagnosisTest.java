package dev.mlp4j.verify.diagnose;

import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.data.DataLocator;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.data.Mnist;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.testdata.Fixtures;
import dev.mlp4j.verify.file.VerifyFile;
import dev.mlp4j.verify.file.VerifyFileReader;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every finding of diagnose, each on a small synthetic problem made to show it, and a clean network showing none. */
class NetworkDiagnosisTest {

    /** Batches of inputs uniform in [0, scale) and one-hot targets. */
    static List<Batch> batches(NetworkSpec spec, int count, int m, double scale, long seed) {
        Random random = new Random(seed);
        List<Batch> list = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            double[] x = new double[m * spec.inputSize()];
            double[] y = new double[m * spec.outputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = scale * random.nextDouble();
            }
            for (int r = 0; r < m; r++) {
                y[r * spec.outputSize() + random.nextInt(spec.outputSize())] = 1;
            }
            list.add(new Batch(m, spec.inputSize(), spec.outputSize(), x, y));
        }
        return list;
    }

    private static DiagnoseReport diagnose(NetworkSpec spec, Parameters p, double scale, double lr) {
        return NetworkDiagnosis.run(p, batches(spec, 4, 50, scale, 7), lr, Thresholds.DEFAULT);
    }

    private static DiagnoseReport diagnose(NetworkSpec spec, WeightInit init, double scale, double lr) {
        return diagnose(spec, init.initialise(spec, new Random(1)), scale, lr);
    }

    private static Set<FindingKind> kinds(DiagnoseReport r) {
        return r.findings().stream().map(Finding::kind).collect(Collectors.toCollection(() -> EnumSet.noneOf(FindingKind.class)));
    }

    private static Finding finding(DiagnoseReport r, FindingKind kind, int layer) {
        return r.findings().stream().filter(f -> f.kind() == kind && f.layer() == layer).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in layer " + layer + ": " + r.findings()));
    }

    private static final NetworkSpec SIGMOID_100 = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 100, 16, 4);

    @Test
    void a_well_initialised_network_on_scaled_inputs_is_clean() {
        DiagnoseReport r = diagnose(SIGMOID_100, WeightInit.NORMAL_SCALED, 1, 0.5);
        assertTrue(r.clean(), r.findings()::toString);
        assertEquals(200, r.examples());
        assertEquals(2, r.layers().size());
        LayerStatistics first = r.layers().get(0);
        assertTrue(first.preActivationStd() > 0.5 && first.preActivationStd() < 2, first.toString());
        assertTrue(Double.isNaN(first.deadFraction()), "no relus, no dead fraction");
        assertTrue(Double.isNaN(r.layers().get(1).gradientRatio()), "nothing above the output layer");
    }

    @Test
    void large_initial_weights_saturate_the_sigmoids_and_the_advice_names_the_scaled_initialisation() {
        DiagnoseReport r = diagnose(SIGMOID_100, WeightInit.NORMAL, 1, 0.5);
        Finding f = finding(r, FindingKind.SATURATED, 1);
        assertTrue(f.value() > 0.3, f.toString());
        assertTrue(f.advice().startsWith("layer 1: "), f.advice());
        assertTrue(f.advice().contains("1/√100 = 0.1 (--init normal-scaled)"), f.advice());
        assertTrue(f.advice().contains("pre-activation std "), f.advice());
        double scaled = diagnose(SIGMOID_100, WeightInit.NORMAL_SCALED, 1, 0.5).layers().get(0).saturatedFraction();
        assertTrue(scaled < f.value() / 10, "normal-scaled saturates " + scaled);
    }

    @Test
    void a_trained_models_findings_are_the_same_but_no_advice_names_an_initialisation() {
        NetworkSpec relu = NetworkSpec.of(Activation.RELU, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 20, 16, 4);
        Parameters dead = WeightInit.HE.initialise(relu, new Random(1));
        Arrays.fill(dead.biases(0), 0, 6, -50);
        NetworkSpec deepSigmoid = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 20, 20, 20, 20, 20, 20, 4);
        NetworkSpec deepLinear = NetworkSpec.of(Activation.LINEAR, Activation.LINEAR, Cost.QUADRATIC, 20, 20, 20, 20, 20, 20, 4);
        NetworkSpec quadratic = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, 100, 30, 10);
        List<Object[]> cases = List.of(
                new Object[] {SIGMOID_100, WeightInit.NORMAL.initialise(SIGMOID_100, new Random(1)), 0.5},
                new Object[] {quadratic, WeightInit.NORMAL.initialise(quadratic, new Random(1)), 0.5},
                new Object[] {relu, dead, 0.1},
                new Object[] {deepSigmoid, WeightInit.NORMAL_SCALED.initialise(deepSigmoid, new Random(1)), 0.5},
                new Object[] {deepLinear, WeightInit.NORMAL.initialise(deepLinear, new Random(1)), 1e-9});
        boolean initAdvised = false;
        for (Object[] c : cases) {
            NetworkSpec spec = (NetworkSpec) c[0];
            List<Batch> batches = batches(spec, 4, 50, 1, 7);
            DiagnoseReport fresh = NetworkDiagnosis.run((Parameters) c[1], batches, (double) c[2], Thresholds.DEFAULT);
            DiagnoseReport trained = NetworkDiagnosis.run((Parameters) c[1], batches, (double) c[2], Thresholds.DEFAULT, true);
            assertEquals(kinds(fresh), kinds(trained), spec.toString());
            assertFalse(trained.findings().isEmpty(), spec.toString());
            for (Finding f : fresh.findings()) {
                initAdvised |= f.advice().contains("--init");
            }
            for (Finding f : trained.findings()) {
                assertFalse(f.advice().contains("--init") || f.advice().contains("initialisation"), f.advice());
            }
        }
        assertTrue(initAdvised, "a fresh network's advice names the initialisation");
    }

    @Test
    void tanh_counts_as_saturated_beyond_two() {
        NetworkSpec spec = NetworkSpec.of(Activation.TANH, Activation.SIGMOID, Cost.CROSS_ENTROPY, 100, 16, 4);
        DiagnoseReport r = diagnose(spec, WeightInit.NORMAL, 1, 0.05);
        Finding f = finding(r, FindingKind.SATURATED, 1);
        assertTrue(f.advice().contains("(|z| > 2)"), f.advice());
        double sigmoidShare = diagnose(SIGMOID_100, WeightInit.NORMAL, 1, 0.05).layers().get(0).saturatedFraction();
        assertTrue(f.value() > sigmoidShare, "the same z saturate more tanh units than sigmoid ones");
    }

    @Test
    void unscaled_inputs_are_found_with_their_largest_value() {
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 20, 8, 4);
        DiagnoseReport r = diagnose(spec, WeightInit.NORMAL_SCALED, 255, 0.5);
        Finding f = finding(r, FindingKind.INPUT_NOT_SCALED, 0);
        assertTrue(f.value() > 240 && f.value() < 255, f.toString());
        assertTrue(f.advice().contains("divide pixels by 255"), f.advice());
        assertTrue(finding(r, FindingKind.SATURATED, 1).advice().endsWith("and scale the inputs."));
        assertFalse(kinds(diagnose(spec, WeightInit.NORMAL_SCALED, 1, 0.5)).contains(FindingKind.INPUT_NOT_SCALED));
    }

    @Test
    void only_layer_1_on_unscaled_inputs_is_advised_to_scale_them() {
        NetworkSpec deep = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 100, 16, 16, 4);
        Parameters p = WeightInit.NORMAL.initialise(deep, new Random(1));
        for (int i = 0; i < p.weights(1).length; i++) {
            p.weights(1)[i] *= 5;
        }
        for (boolean trained : new boolean[] {false, true}) {
            // Inputs in [0, 1]: layers 1 and 2 saturate from their large weights alone; nothing to say about the inputs.
            DiagnoseReport scaled = NetworkDiagnosis.run(p, batches(deep, 4, 50, 1, 7), 0.5, Thresholds.DEFAULT, trained);
            assertFalse(kinds(scaled).contains(FindingKind.INPUT_NOT_SCALED));
            for (int layer = 1; layer <= 2; layer++) {
                String advice = finding(scaled, FindingKind.SATURATED, layer).advice();
                assertFalse(advice.contains("scale the inputs"), advice);
                assertTrue(advice.contains(trained ? "train with --l2" : "(--init normal-scaled)"), advice);
            }
            // Inputs up to 255: layer 1's advice adds scaling them; layer 2's inputs are layer 1's outputs, in (0, 1).
            DiagnoseReport raw = NetworkDiagnosis.run(p, batches(deep, 4, 50, 255, 7), 0.5, Thresholds.DEFAULT, trained);
            assertTrue(finding(raw, FindingKind.SATURATED, 1).advice().endsWith("and scale the inputs."),
                    finding(raw, FindingKind.SATURATED, 1).advice());
            String second = finding(raw, FindingKind.SATURATED, 2).advice();
            assertFalse(second.contains("scale the inputs"), second);
            assertTrue(second.contains(trained ? "train with --l2" : "1/√16 = 0.25 (--init normal-scaled)"), second);
        }
    }

    private static final NetworkSpec RELU_20_16_4 = NetworkSpec.of(Activation.RELU, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 20, 16, 4);

    /** He-initialised 20-16-4 relus whose first 6 hidden units have biases of −50: they never fire on inputs in [0, 1). */
    private static Parameters sixDeadRelus() {
        Parameters p = WeightInit.HE.initialise(RELU_20_16_4, new Random(1));
        for (int j = 0; j < 16; j++) {
            p.biases(0)[j] = j < 6 ? -50 : 2;
        }
        return p;
    }

    @Test
    void a_finding_shows_its_share_as_the_table_does() {
        assertEquals("99.7 %", Percent.share(0.99685));
        assertEquals("46.2 %", Percent.share(0.462));
        assertEquals("100.0 %", Percent.share(1));
        assertEquals("0.0 %", Percent.share(0));
        assertEquals("> 99.9 %", Percent.share(0.9996), "not all of them");
        assertEquals("< 0.1 %", Percent.share(0.0004), "not none of them");
        assertEquals("-", Percent.share(Double.NaN));
        NetworkSpec spec = RELU_20_16_4;
        Parameters p = sixDeadRelus();
        DiagnoseReport dead = diagnose(spec, p, 1, 0.1);
        assertTrue(finding(dead, FindingKind.DEAD_RELU, 1).advice().startsWith("layer 1: 37.5 % of relu units never active"),
                finding(dead, FindingKind.DEAD_RELU, 1).advice());
        DiagnoseReport saturated = diagnose(SIGMOID_100, WeightInit.NORMAL, 1, 0.5);
        String share = Percent.share(saturated.layers().get(0).saturatedFraction());
        assertTrue(finding(saturated, FindingKind.SATURATED, 1).advice().startsWith("layer 1: " + share + " of sigmoid units"),
                share + " vs " + finding(saturated, FindingKind.SATURATED, 1).advice());
    }

    @Test
    void relus_that_never_fire_are_found_dead() {
        NetworkSpec spec = RELU_20_16_4;
        Parameters p = sixDeadRelus();
        DiagnoseReport r = diagnose(spec, p, 1, 0.1);
        Finding f = finding(r, FindingKind.DEAD_RELU, 1);
        assertEquals(6.0 / 16, f.value(), 1e-12);
        assertTrue(f.advice().contains("--init he"), f.advice());
        Arrays.fill(p.biases(0), 2);
        DiagnoseReport alive = diagnose(spec, p, 1, 0.1);
        assertEquals(0.0, alive.layers().get(0).deadFraction());
        assertFalse(kinds(alive).contains(FindingKind.DEAD_RELU));
    }

    @Test
    void relus_inactive_on_a_handful_of_examples_are_reported_as_resting_on_those_few() {
        // The learner's verify file: 5 examples, 60 % "never active", where 1000 examples of the same kind show 20 %.
        NetworkSpec spec = RELU_20_16_4;
        Parameters p = sixDeadRelus();
        DiagnoseReport few = NetworkDiagnosis.run(p, batches(spec, 1, 5, 1, 7), 0.1, Thresholds.DEFAULT);
        Finding f = finding(few, FindingKind.DEAD_RELU, 1);
        assertTrue(f.advice().contains("only 5 examples") && f.advice().contains("may be active on others"), f.advice());
        assertFalse(f.advice().contains("never learns again"), f.advice());
        // On 200 examples the same units are dead, and said to be.
        Finding dead = finding(diagnose(spec, p, 1, 0.1), FindingKind.DEAD_RELU, 1);
        assertEquals(f.value(), dead.value());
        assertFalse(dead.advice().contains("only "), dead.advice());
        assertTrue(dead.advice().contains("a dead relu never learns again"), dead.advice());
    }

    @Test
    void the_update_too_large_advice_names_the_learning_rate_that_brings_the_ratio_to_the_threshold() {
        DiagnoseReport large = diagnose(SIGMOID_100, WeightInit.NORMAL_SCALED, 1, 100);
        Finding f = finding(large, FindingKind.UPDATE_TOO_LARGE, 2);
        assertFalse(f.advice().contains("below 1,"), f.advice());
        // The ratio is linear in η: at η·3/ratio it is the threshold, 3.
        double eta = 100 * Thresholds.DEFAULT.updateTooLarge() / f.value();
        assertTrue(f.advice().contains("lower the learning rate below " + Findings.number(eta) + ","), eta + ": " + f.advice());
        assertTrue(f.advice().contains("falls to 3"), f.advice());
    }

    @Test
    void a_deep_sigmoid_stack_shows_a_vanishing_gradient() {
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 20, 20, 20, 20, 20, 20, 4);
        DiagnoseReport r = diagnose(spec, WeightInit.NORMAL_SCALED, 1, 0.5);
        Finding f = finding(r, FindingKind.VANISHING_GRADIENT, 1);
        assertTrue(f.value() < 1e-2, f.toString());
        assertTrue(r.layers().get(0).gradientRatio() < 1, "each sigmoid layer shrinks δ");
        assertFalse(kinds(r).contains(FindingKind.EXPLODING_GRADIENT));
    }

    @Test
    void a_deep_linear_stack_with_large_weights_shows_an_exploding_gradient() {
        NetworkSpec spec = NetworkSpec.of(Activation.LINEAR, Activation.LINEAR, Cost.QUADRATIC, 20, 20, 20, 20, 20, 20, 4);
        DiagnoseReport r = diagnose(spec, WeightInit.NORMAL, 1, 1e-9);
        Finding f = finding(r, FindingKind.EXPLODING_GRADIENT, 1);
        assertTrue(f.value() > 100, f.toString());
        assertFalse(kinds(r).contains(FindingKind.VANISHING_GRADIENT));
    }

    @Test
    void a_learning_rate_far_too_large_or_small_is_found_per_layer() {
        DiagnoseReport large = diagnose(SIGMOID_100, WeightInit.NORMAL_SCALED, 1, 100);
        Finding f = finding(large, FindingKind.UPDATE_TOO_LARGE, 2);
        assertEquals(large.layers().get(1).updateRatio(), f.value());
        assertTrue(f.advice().contains("η = 100"), f.advice());
        DiagnoseReport small = diagnose(SIGMOID_100, WeightInit.NORMAL_SCALED, 1, 1e-7);
        assertEquals(EnumSet.of(FindingKind.UPDATE_TOO_SMALL), kinds(small));
        assertEquals(2, small.findings().size(), "both layers");
        // The ratio is linear in η: the clean run at 0.5 sits between the two.
        double atHalf = diagnose(SIGMOID_100, WeightInit.NORMAL_SCALED, 1, 0.5).layers().get(1).updateRatio();
        assertEquals(atHalf * 200, large.layers().get(1).updateRatio(), 1e-9 * atHalf * 200);
    }

    @Test
    void a_saturated_output_is_a_finding_for_the_quadratic_cost_only() {
        for (Cost cost : new Cost[] {Cost.QUADRATIC, Cost.CROSS_ENTROPY}) {
            NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, cost, 20, 16, 4);
            Parameters p = WeightInit.NORMAL_SCALED.initialise(spec, new Random(1));
            for (int i = 0; i < p.weights(1).length; i++) {
                p.weights(1)[i] *= 40;
            }
            DiagnoseReport r = diagnose(spec, p, 1, 0.01);
            boolean found = r.findings().stream().anyMatch(f -> f.kind() == FindingKind.SATURATED && f.layer() == 2);
            assertEquals(cost == Cost.QUADRATIC, found, cost + ": " + r.findings());
            if (found) {
                assertTrue(finding(r, FindingKind.SATURATED, 2).advice().contains("use the cross-entropy cost"));
            }
        }
    }

    @Test
    void nan_anywhere_is_the_one_finding() {
        Parameters p = WeightInit.NORMAL_SCALED.initialise(SIGMOID_100, new Random(1));
        p.weights(1)[3] = Double.NaN;
        DiagnoseReport r = diagnose(SIGMOID_100, p, 1, 0.5);
        assertEquals(EnumSet.of(FindingKind.NOT_FINITE), kinds(r));
        assertEquals(2, r.findings().get(0).layer());
    }

    @Test
    void the_raw_pixels_example_shows_its_unscaled_inputs_and_what_they_cause() {
        String text = new String(Fixtures.bytes("verify/raw-pixels.json"), StandardCharsets.UTF_8);
        VerifyFile f = VerifyFileReader.fromJson("raw-pixels.json", text);
        DiagnoseReport r = NetworkDiagnosis.run(f.parameters(), List.of(f.batch()), 0.5, Thresholds.DEFAULT);
        assertEquals(EnumSet.of(FindingKind.INPUT_NOT_SCALED, FindingKind.SATURATED, FindingKind.VANISHING_GRADIENT), kinds(r));
        assertEquals(FindingKind.INPUT_NOT_SCALED, r.findings().get(0).kind(), "the cause comes first");
        assertEquals(239.0, r.findings().get(0).value());
    }

    @Test
    @Tag("mnist")
    void on_mnist_uniform_initialisation_saturates_and_normal_scaled_does_not() {
        Path dir = DataLocator.find(System.getProperty("mlp4j.data"), DataLocator.Dataset.MNIST);
        Assumptions.assumeTrue(dir != null, "MNIST not found (set -Dmlp4j.data=DIR or MLP4J_DATA); skipping");
        DataSet train = Mnist.load(dir).train();
        List<Batch> batches = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            batches.add(train.batch(b * 100, (b + 1) * 100));
        }
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 784, 30, 10);
        DiagnoseReport uniform = NetworkDiagnosis.run(WeightInit.UNIFORM.initialise(spec, new Random(1)), batches, 0.5, Thresholds.DEFAULT);
        DiagnoseReport scaled = NetworkDiagnosis.run(WeightInit.NORMAL_SCALED.initialise(spec, new Random(1)), batches, 0.5, Thresholds.DEFAULT);
        assertTrue(finding(uniform, FindingKind.SATURATED, 1).value() > 0.3, uniform.findings()::toString);
        assertTrue(scaled.layers().get(0).saturatedFraction() < 0.01, scaled.layers()::toString);
        assertTrue(scaled.clean(), scaled.findings()::toString);
    }
}
