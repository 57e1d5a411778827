package dev.mlp4j.verify.reference;

import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Backprop;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.verify.compare.ParameterSets;
import dev.mlp4j.verify.compare.Tolerance;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plainly written backprop verify uses for layer-by-layer values and mistaken variants. */
class BackpropTracerTest {

    private static Batch batch(NetworkSpec spec, int m, Random random) {
        double[] x = new double[m * spec.inputSize()];
        double[] y = new double[m * spec.outputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() * 2 - 1;
        }
        for (int r = 0; r < m; r++) {
            y[r * spec.outputSize() + random.nextInt(spec.outputSize())] = 1;
        }
        return new Batch(m, spec.inputSize(), spec.outputSize(), x, y);
    }

    @Test
    void without_a_mistake_it_gives_cores_gradient_for_every_valid_network() {
        int checked = 0;
        for (Activation hidden : new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.LINEAR}) {
            for (Activation output : Activation.values()) {
                for (Cost cost : Cost.values()) {
                    if (cost.incompatibility(output) != null) {
                        continue;
                    }
                    NetworkSpec spec = NetworkSpec.of(hidden, output, cost, 3, 4, 5, 3);
                    Random random = new Random(checked);
                    Parameters p = WeightInit.NORMAL.initialise(spec, random);
                    Batch b = batch(spec, 3, random);
                    Gradients core = Gradients.zeros(spec);
                    new Backprop(spec).dataGradient(p, b, StepSettings.NONE, core);
                    Parameters traced = BackpropTracer.trace(p, b, BackpropMistake.NONE).gradients(1.0 / 3);
                    Parameters expected = new Parameters(spec, core.weights(), core.biases());
                    assertTrue(ParameterSets.agree(traced, expected, 1.0, new Tolerance(1e-12)), spec.toString());
                    checked++;
                }
            }
        }
        assertEquals(4 * 8, checked, "every hidden activation with the 8 valid output/cost pairs");
    }

    @Test
    void its_activations_are_the_forward_pass_and_its_output_is_cores() {
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 2, 3, 3);
        Random random = new Random(4);
        Parameters p = WeightInit.NORMAL.initialise(spec, random);
        Batch b = batch(spec, 2, random);
        Trace t = BackpropTracer.trace(p, b, BackpropMistake.NONE);
        double[] out = new Backprop(spec).feedforward(p, b, StepSettings.NONE);
        for (int i = 0; i < 6; i++) {
            assertEquals(out[i], t.activations()[2][i], 1e-15);
        }
        assertEquals(b.inputs()[3], t.activations()[0][3]);
        // δ of the output layer is a − y for softmax with log-likelihood.
        assertEquals(t.activations()[2][4] - b.targets()[4], t.deltas()[1][4], 1e-15);
    }

    @Test
    void each_mistake_changes_the_gradient_where_it_should_and_only_there() {
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 3, 4, 4, 2);
        Random random = new Random(5);
        Parameters p = WeightInit.NORMAL.initialise(spec, random);
        Batch b = batch(spec, 2, random);
        Parameters right = BackpropTracer.trace(p, b, BackpropMistake.NONE).gradients(0.5);
        Tolerance t = Tolerance.DEFAULT;
        Parameters hiddenOnly = BackpropTracer.trace(p, b,
                BackpropMistake.derivative(BackpropMistake.DerivativeForm.MISSING, 0)).gradients(0.5);
        assertEquals(List.of("weights[0]", "biases[0]"),
                ParameterSets.names(ParameterSets.disagreeing(hiddenOnly, right, t)));
        Parameters output = BackpropTracer.trace(p, b,
                BackpropMistake.output(BackpropMistake.OutputForm.TIMES_SIGMA_PRIME)).gradients(0.5);
        assertEquals(6, ParameterSets.disagreeing(output, right, t).size());
        Parameters ofActivation = BackpropTracer.trace(p, b,
                BackpropMistake.derivative(BackpropMistake.DerivativeForm.OF_ACTIVATION, BackpropMistake.EVERY_LAYER)).gradients(0.5);
        assertEquals(List.of("weights[0]", "biases[0]", "weights[1]", "biases[1]"),
                ParameterSets.names(ParameterSets.disagreeing(ofActivation, right, t)), "cross-entropy's output δ has no σ'");
    }

    @Test
    void a_derivative_mistake_that_is_no_mistake_for_relu_changes_nothing() {
        NetworkSpec spec = NetworkSpec.of(Activation.RELU, Activation.LINEAR, Cost.QUADRATIC, 3, 6, 2);
        Random random = new Random(6);
        Parameters p = WeightInit.NORMAL.initialise(spec, random);
        Batch b = batch(spec, 3, random);
        Parameters right = BackpropTracer.trace(p, b, BackpropMistake.NONE).gradients(1);
        for (BackpropMistake.DerivativeForm form : new BackpropMistake.DerivativeForm[] {
                BackpropMistake.DerivativeForm.OF_ACTIVATION, BackpropMistake.DerivativeForm.A_FORM_OF_Z}) {
            Parameters mistaken = BackpropTracer.trace(p, b, BackpropMistake.derivative(form, BackpropMistake.EVERY_LAYER)).gradients(1);
            assertTrue(ParameterSets.disagreeing(mistaken, right, Tolerance.DEFAULT).isEmpty(), form.name());
        }
        Parameters missing = BackpropTracer.trace(p, b,
                BackpropMistake.derivative(BackpropMistake.DerivativeForm.MISSING, BackpropMistake.EVERY_LAYER)).gradients(1);
        assertFalse(ParameterSets.disagreeing(missing, right, Tolerance.DEFAULT).isEmpty(), "some relu is off on this batch");
    }
}
