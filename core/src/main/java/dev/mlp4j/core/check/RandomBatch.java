package dev.mlp4j.core.check;

import dev.mlp4j.core.InvalidInputException;
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

    /**
     * @param spec   the network the batch is for
     * @param m      number of examples, at least 1
     * @param random the source of the values
     * @return a batch of {@code m} random examples
     */
    public static Batch of(NetworkSpec spec, int m, Random random) {
        if (spec == null || random == null) {
            throw new InvalidInputException("The " + (spec == null ? "NetworkSpec" : "Random") + " is null; give the network and a seeded Random.");
        }
        if (m < 1) {
            throw new InvalidInputException("A random batch of " + m + " examples cannot be made; give at least 1 example.");
        }
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
