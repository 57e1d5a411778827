package dev.mlp4j.core.testing;

import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

/**
 * A random network with parameters and a batch to run it on: what the property tests draw. Its toString is what
 * QuickTheories prints for the smallest failing case, so it says everything needed to rebuild it.
 */
public record NetworkCase(NetworkSpec spec, Parameters parameters, Batch batch, long seed) {
    @Override
    public String toString() {
        return spec + ", batch " + batch.size() + ", seed " + seed;
    }
}
