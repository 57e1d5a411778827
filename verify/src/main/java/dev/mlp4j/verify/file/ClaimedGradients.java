package dev.mlp4j.verify.file;

import dev.mlp4j.core.nn.Parameters;

import java.util.Set;

/**
 * The gradient a verify file claims, in core's layout, and which of its weight matrices arrived the other way
 * round ([to][from], core's own layout, instead of the file's [from][to]): those were read as such, so their values
 * can still be compared, and are reported as transposed.
 */
public record ClaimedGradients(Parameters values, Set<Integer> transposedWeights) {
    public ClaimedGradients {
        transposedWeights = Set.copyOf(transposedWeights);
    }
}
