package dev.mlp4j.core.nn;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.check.GradientCheck;
import dev.mlp4j.core.check.GradientCheckReport;
import dev.mlp4j.core.check.RandomBatch;
import dev.mlp4j.core.data.Batch;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One activation per hidden layer: how a spec holds, checks and applies it. */
class HiddenActivationsTest {
    private static final List<Activation> RELU_SIGMOID = List.of(Activation.RELU, Activation.SIGMOID);

    @Test
    void each_hidden_layer_has_its_own_activation_and_the_output_layer_its_own() {
        NetworkSpec spec = NetworkSpec.of(RELU_SIGMOID, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 4, 5, 6, 3);
        assertEquals(Activation.RELU, spec.activation(0));
        assertEquals(Activation.SIGMOID, spec.activation(1));
        assertEquals(Activation.SOFTMAX, spec.activation(2));
        assertTrue(spec.hasMixedHidden());
        assertEquals("relu,sigmoid", spec.hiddenText());
        assertEquals("4,5,6,3 relu,sigmoid/softmax log-likelihood", spec.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, spec::hidden);
        assertTrue(e.getMessage().contains("activation(l)"), e.getMessage());
    }

    @Test
    void a_list_of_one_activation_repeated_is_the_same_network_as_that_activation() {
        NetworkSpec listed = NetworkSpec.of(List.of(Activation.TANH, Activation.TANH, Activation.TANH), Activation.SIGMOID,
                Cost.CROSS_ENTROPY, 2, 3, 3, 3, 1);
        NetworkSpec single = NetworkSpec.of(Activation.TANH, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 3, 3, 1);
        assertEquals(single, listed);
        assertEquals(List.of(Activation.TANH), listed.hiddenActivations());
        assertFalse(listed.hasMixedHidden());
        assertEquals(Activation.TANH, listed.hidden());
        assertEquals(single, NetworkSpec.of(List.of(Activation.TANH), Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 3, 3, 1));
    }

    @Test
    void a_list_whose_length_is_neither_one_nor_the_hidden_layer_count_is_refused_naming_both() {
        InvalidInputException three = assertThrows(InvalidInputException.class, () -> NetworkSpec.of(
                List.of(Activation.RELU, Activation.SIGMOID, Activation.TANH), Activation.SIGMOID, Cost.QUADRATIC, 784, 30, 20, 10));
        assertEquals("3 hidden activations (relu,sigmoid,tanh) are given for the 2 hidden layers of 784,30,20,10; "
                + "give one activation for all hidden layers, or one for each of the 2 (e.g. relu,sigmoid).", three.getMessage());
        // Equal entries are counted too: three for two layers is a mistake even when they agree.
        assertThrows(InvalidInputException.class, () -> NetworkSpec.of(List.of(Activation.RELU, Activation.RELU, Activation.RELU),
                Activation.SIGMOID, Cost.QUADRATIC, 4, 3, 3, 1));
        InvalidInputException one = assertThrows(InvalidInputException.class,
                () -> NetworkSpec.of(RELU_SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, 4, 3, 1));
        assertEquals("2 hidden activations (relu,sigmoid) are given for the 1 hidden layer of 4,3,1; "
                + "give one activation for all hidden layers.", one.getMessage());
    }

    @Test
    void softmax_anywhere_in_the_list_and_missing_entries_are_refused() {
        InvalidInputException softmax = assertThrows(InvalidInputException.class, () -> NetworkSpec.of(
                List.of(Activation.RELU, Activation.SOFTMAX), Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 4, 3, 3, 2));
        assertTrue(softmax.getMessage().contains("softmax can only be the output activation"), softmax.getMessage());
        assertThrows(InvalidInputException.class, () -> NetworkSpec.of(List.of(), Activation.SIGMOID, Cost.QUADRATIC, 4, 3, 1));
        assertThrows(InvalidInputException.class, () -> NetworkSpec.of((List<Activation>) null, Activation.SIGMOID, Cost.QUADRATIC, 4, 3, 1));
        assertThrows(InvalidInputException.class, () -> NetworkSpec.of(Arrays.asList(Activation.RELU, null),
                Activation.SIGMOID, Cost.QUADRATIC, 4, 3, 3, 1));
    }

    @Test
    void parseHidden_reads_one_name_or_a_comma_separated_list() {
        assertEquals(List.of(Activation.RELU), NetworkSpec.parseHidden("relu"));
        assertEquals(RELU_SIGMOID, NetworkSpec.parseHidden("relu, Sigmoid"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NetworkSpec.parseHidden("relu,swish"));
        assertTrue(e.getMessage().contains("'swish'"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> NetworkSpec.parseHidden("relu,"));
    }

    /**
     * 1-1-1-1 with unit weights and zero biases on input −1: a relu first layer gives 0 and so a sigmoid second 0.5,
     * where a sigmoid first layer would give σ(σ(−1)) and a relu second would pass 0 on.
     */
    @Test
    void the_forward_pass_applies_each_layers_activation_in_order() {
        NetworkSpec spec = NetworkSpec.of(RELU_SIGMOID, Activation.LINEAR, Cost.QUADRATIC, 1, 1, 1, 1);
        Parameters p = new Parameters(spec);
        for (int l = 0; l < spec.depth(); l++) {
            p.weights(l)[0] = 1;
        }
        double[] out = new Backprop(spec).feedforward(p, new Batch(1, 1, 1, new double[] {-1}, new double[] {0}), StepSettings.NONE);
        assertEquals(0.5, out[0], 0);
    }

    /**
     * tanh, sigmoid and linear hidden layers: each layer's δ carries its own σ' (1 − a², a(1 − a), 1), so the
     * gradient agrees with finite differences and differs from that of each network with one activation throughout.
     */
    @Test
    void backprop_takes_each_hidden_layers_own_derivative() {
        List<Activation> mixed = List.of(Activation.TANH, Activation.SIGMOID, Activation.LINEAR);
        NetworkSpec spec = NetworkSpec.of(mixed, Activation.SIGMOID, Cost.CROSS_ENTROPY, 3, 4, 4, 4, 2);
        Random random = new Random(3);
        Parameters p = WeightInit.NORMAL_SCALED.initialise(spec, random);
        Batch batch = RandomBatch.of(spec, 5, random);
        GradientCheckReport report = new GradientCheck().check(p, batch, StepSettings.NONE);
        assertTrue(report.passed(), report::toString);
        Gradients g = Gradients.zeros(spec);
        new Backprop(spec).backprop(p, batch, StepSettings.NONE, g);
        for (Activation uniform : List.of(Activation.TANH, Activation.SIGMOID, Activation.LINEAR)) {
            NetworkSpec same = NetworkSpec.of(uniform, Activation.SIGMOID, Cost.CROSS_ENTROPY, 3, 4, 4, 4, 2);
            Gradients other = Gradients.zeros(same);
            new Backprop(same).backprop(p.copyFor(same), batch, StepSettings.NONE, other);
            assertFalse(Arrays.equals(g.weights()[0], other.weights()[0]), "the same first-layer gradient as all " + uniform);
        }
    }
}
