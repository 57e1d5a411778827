package dev.mlp4j.core.check;

import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

/** The range of |z| over every unit and example of a network on a batch. */
final class PreActivations {
    private PreActivations() {
    }

    static double minAbs(NetworkSpec spec, Parameters p, Batch batch) {
        return range(spec, p, batch)[0];
    }

    /** The largest |z|: how far into the flat tails of sigmoid and tanh (or how large a linear chain) a case goes. */
    static double maxAbs(NetworkSpec spec, Parameters p, Batch batch) {
        return range(spec, p, batch)[1];
    }

    private static double[] range(NetworkSpec spec, Parameters p, Batch batch) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int r = 0; r < batch.size(); r++) {
            double[] a = new double[spec.inputSize()];
            System.arraycopy(batch.inputs(), r * spec.inputSize(), a, 0, a.length);
            for (int l = 0; l < spec.depth(); l++) {
                int in = spec.size(l);
                int out = spec.size(l + 1);
                double[] z = new double[out];
                for (int j = 0; j < out; j++) {
                    double s = p.biases(l)[j];
                    for (int k = 0; k < in; k++) {
                        s += p.weight(l, j, k) * a[k];
                    }
                    z[j] = s;
                    min = Math.min(min, Math.abs(s));
                    max = Math.max(max, Math.abs(s));
                }
                double[] next = new double[out];
                spec.activation(l).apply(z, next, 0, out);
                a = next;
            }
        }
        return new double[] {min, max};
    }
}
