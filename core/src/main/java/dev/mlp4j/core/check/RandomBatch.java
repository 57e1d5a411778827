package dev.mlp4j.core.check;

import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;

import java.util.Random;

/**
 * A random batch for checking a network: inputs uniform in [-1, 1], targets suited to the cost (one-hot for
 * log-likelihood, in (0.05, 0.95) for cross-entropy, any value in [-1, 1] for quadratic).
 */
public final class RandomBatch {
    private RandomBatch() {
    }

    public static Batch of(NetworkSpec spec, int m, Random random) {
        int in = spec.inputSize();
        int out = spec.outputSize();
        double[] x = new double[m * in];
        double[] y = new double[m * out];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * random.nextDouble() - 1;
        }
        for (int r = 0; r < m; r++) {
            if (spec.cost() == Cost.LOG_LIKELIHOOD) {
                y[r * out + random.nextInt(out)] = 1;
            } else {
                for (int j = 0; j < out; j++) {
                    y[r * out + j] = spec.cost() == Cost.CROSS_ENTROPY ? 0.05 + 0.9 * random.nextDouble() : 2 * random.nextDouble() - 1;
                }
            }
        }
        return new Batch(m, in, out, x, y);
    }
}
