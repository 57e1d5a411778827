package dev.mlp4j.core.testing;

import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.NetworkSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The networks agreement suites check one by one, not only in random draws, so that what they cover is certain
 * and {@link AgreementCoverage} can count it: core's gradient against finite differences, and each device backend
 * against core. One network for each (output, cost) pair a network may have, each with every hidden activation in
 * its hidden layers in turn.
 */
public final class AgreementCases {
    private AgreementCases() {
    }

    /** One network for each valid (output, cost) pair, with every hidden activation in its hidden layers. */
    public static List<NetworkSpec> everyActivationAndPair() {
        List<Activation> hidden = Arrays.stream(Activation.values()).filter(a -> !a.isRowWise()).toList();
        List<NetworkSpec> specs = new ArrayList<>();
        for (NetworkGenerators.Kind kind : NetworkGenerators.validOutputCostPairs()) {
            int[] layers = new int[hidden.size() + 2];
            for (int i = 0; i < layers.length - 1; i++) {
                layers[i] = 5 + i % 2;
            }
            layers[layers.length - 1] = 3;
            specs.add(NetworkSpec.of(hidden, kind.output(), kind.cost(), layers));
        }
        return specs;
    }
}
