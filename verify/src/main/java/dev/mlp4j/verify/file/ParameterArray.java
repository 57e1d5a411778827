package dev.mlp4j.verify.file;

import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * One weight matrix or bias vector of a network, named and indexed as a hand-written net holds it:
 * {@code weights[i][j][k]} is the weight from neuron j of layer i to neuron k of layer i+1, and {@code biases[i][j]}
 * the bias of neuron j of layer i+1. Core's {@link Parameters} stores each weight matrix the other way round (one
 * row per neuron of layer i+1), so every entry a report shows goes through here to reach the user's indices.
 *
 * <p>Any set of arrays shaped like a network's parameters (gradients, steps, velocities) is held in a
 * {@link Parameters}, core's layout, and read through {@link #values}.
 */
public record ParameterArray(boolean weights, int layer) {

    /** weights[0], biases[0], weights[1], …: the order reports list arrays in. */
    public static List<ParameterArray> all(NetworkSpec spec) {
        List<ParameterArray> list = new ArrayList<>();
        for (int l = 0; l < spec.depth(); l++) {
            list.add(new ParameterArray(true, l));
            list.add(new ParameterArray(false, l));
        }
        return list;
    }

    /** "weights[1]" or "biases[1]". */
    public String name() {
        return (weights ? "weights[" : "biases[") + layer + "]";
    }

    /** The array's values in core's layout; live, not a copy. */
    public double[] values(Parameters p) {
        return weights ? p.weights(layer) : p.biases(layer);
    }

    /** Neurons of layer i, the side a weight comes from. */
    public int from(NetworkSpec spec) {
        return spec.size(layer);
    }

    /** Neurons of layer i+1, the side a weight goes to. */
    public int to(NetworkSpec spec) {
        return spec.size(layer + 1);
    }

    /** True for a weight matrix with as many rows as columns, whose transpose has its own shape. */
    public boolean isSquare(NetworkSpec spec) {
        return weights && from(spec) == to(spec);
    }

    /** The user's name of the entry at core index {@code i}: "weights[0][from][to]" or "biases[0][j]". */
    public String entry(NetworkSpec spec, int i) {
        if (!weights) {
            return name() + "[" + i + "]";
        }
        int from = from(spec);
        return name() + "[" + (i % from) + "][" + (i / from) + "]";
    }

    /** Core indices in the order the user reads the array (weights: by neuron of layer i, then of layer i+1). */
    public int[] readingOrder(NetworkSpec spec) {
        if (!weights) {
            int[] order = new int[to(spec)];
            for (int j = 0; j < order.length; j++) {
                order[j] = j;
            }
            return order;
        }
        int from = from(spec);
        int to = to(spec);
        int[] order = new int[from * to];
        int n = 0;
        for (int k = 0; k < from; k++) {
            for (int j = 0; j < to; j++) {
                order[n++] = j * from + k;
            }
        }
        return order;
    }

    /** A weight matrix in core's layout (rows: layer i+1) turned into the user's (rows: layer i), or back. */
    public static double[] transpose(double[] m, int rows, int cols) {
        double[] t = new double[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }

    @Override
    public String toString() {
        return name();
    }
}
