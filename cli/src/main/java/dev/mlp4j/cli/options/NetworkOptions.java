package dev.mlp4j.cli.options;

import dev.mlp4j.cli.UsageException;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;

import java.util.List;

import picocli.CommandLine.Option;

/** The options that describe a network's shape; unset ones take the preset's values. */
public final class NetworkOptions {
    @Option(names = "--layers", paramLabel = "N,N,...", description = "Layer sizes from input to output, separated by commas or hyphens: 784,30,10 or 784-30-10.")
    public String layers;

    @Option(names = "--hidden", paramLabel = "ACT[,ACT...]", description = "Hidden activation: sigmoid, tanh, relu, linear; "
            + "one for all hidden layers, or one per hidden layer, e.g. relu,sigmoid.")
    public String hidden;

    @Option(names = "--output", paramLabel = "ACT", description = "Output activation: sigmoid, tanh, relu, linear, softmax.")
    public String output;

    @Option(names = "--cost", paramLabel = "COST", description = "Cost: quadratic, cross-entropy, log-likelihood.")
    public String cost;

    /** True when no network option was given, so the preset's network (and its regularisation) applies. */
    public boolean isDefault() {
        return layers == null && hidden == null && output == null && cost == null;
    }

    /** The network these options describe, falling back to {@code preset}; a usage error if it cannot be built. */
    public NetworkSpec spec(NetworkSpec preset) {
        try {
            List<Integer> sizes = layers == null ? preset.layers() : NetworkSpec.parseLayers(layers);
            List<Activation> h = hidden == null ? preset.hiddenActivations() : NetworkSpec.parseHidden(hidden);
            Activation o = output == null ? preset.output() : Activation.fromId(output);
            Cost c = cost == null ? preset.cost() : Cost.fromId(cost);
            return new NetworkSpec(sizes, h, o, c);
        } catch (InvalidInputException e) {
            throw new UsageException(OptionWords.sentence(e), e);
        }
    }
}
