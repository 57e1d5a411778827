package dev.mlp4j.gpu;

import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

/**
 * Where each layer's weights and biases sit in the one float array that holds a network on the device (and its
 * gradients and velocities): all weights first, then all biases, so that the L2 term, which only weights carry,
 * applies to one prefix of the array. Both backends keep their parameters so; they differ only in the order of a
 * weight matrix's elements ({@link WeightOrder}), and only the copies to and from the host convert.
 */
public final class ParameterLayout {
    /**
     * The most values one layout holds: int indices reach them all, with room for the slack a device buffer keeps
     * past its end (the opencl backend's ClBuffer keeps 16 values).
     */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 16;

    /** How a layer's weight matrix is laid out in the array: element (j, k) is the weight from input k to unit j. */
    public enum WeightOrder {
        /** As {@link Parameters} holds it, one row per unit of the layer: (j, k) at {@code j * inputs + k}. */
        BY_UNIT,
        /**
         * The transpose, one row per input unit: (j, k) at {@code k * units + j}. Every product in backprop then
         * walks rows of contiguous memory (see the opencl backend's products.cl).
         */
        BY_INPUT
    }

    private final NetworkSpec spec;
    private final WeightOrder order;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int weightCount;
    private final int total;

    /**
     * The layout of {@code spec}'s parameters with weight matrices in {@code order}.
     *
     * @throws IllegalArgumentException when the network has more parameters than one array addresses
     */
    public ParameterLayout(NetworkSpec spec, WeightOrder order) {
        this.spec = spec;
        this.order = order;
        int depth = spec.depth();
        weightOffsets = new int[depth];
        biasOffsets = new int[depth];
        long offset = 0;
        for (int l = 0; l < depth; l++) {
            weightOffsets[l] = (int) offset;
            offset += (long) spec.size(l) * spec.size(l + 1);
        }
        weightCount = checked(offset);
        for (int l = 0; l < depth; l++) {
            biasOffsets[l] = (int) offset;
            offset += spec.size(l + 1);
        }
        total = checked(offset);
    }

    private int checked(long n) {
        if (n > MAX_VALUES) {
            throw new IllegalArgumentException("network " + spec.layersText() + " has more parameters than one device buffer addresses");
        }
        return (int) n;
    }

    /** Where weight layer l's matrix starts. */
    public int weightOffset(int l) {
        return weightOffsets[l];
    }

    /** Where weight layer l's biases start. */
    public int biasOffset(int l) {
        return biasOffsets[l];
    }

    /** How many weights the network has: the length of the prefix that holds them. */
    public int weightCount() {
        return weightCount;
    }

    /** How many parameters the network has: the length of the array. */
    public int total() {
        return total;
    }

    /** Parameters (or velocities) in this layout, as float. */
    public float[] pack(Parameters p) {
        float[] out = new float[total];
        pack(p, out);
        return out;
    }

    /** Parameters (or velocities) in this layout, as float, into the first {@link #total} values of {@code out}. */
    public void pack(Parameters p, float[] out) {
        for (int l = 0; l < spec.depth(); l++) {
            double[] weights = p.weights(l);
            double[] biases = p.biases(l);
            int in = spec.size(l);
            for (int j = 0; j < biases.length; j++) {
                for (int k = 0; k < in; k++) {
                    out[weightIndex(l, j, k)] = (float) weights[j * in + k];
                }
                out[biasOffsets[l] + j] = (float) biases[j];
            }
        }
    }

    /** Parameters (or velocities) from an array in this layout. */
    public Parameters unpack(float[] data) {
        Parameters p = new Parameters(spec);
        for (int l = 0; l < spec.depth(); l++) {
            unpack(data, l, p.weights(l), p.biases(l));
        }
        return p;
    }

    /** Gradients from an array in this layout. */
    public Gradients unpackGradients(float[] data) {
        Gradients g = Gradients.zeros(spec);
        for (int l = 0; l < spec.depth(); l++) {
            unpack(data, l, g.weights()[l], g.biases()[l]);
        }
        return g;
    }

    private void unpack(float[] data, int l, double[] weights, double[] biases) {
        int in = spec.size(l);
        for (int j = 0; j < biases.length; j++) {
            for (int k = 0; k < in; k++) {
                weights[j * in + k] = data[weightIndex(l, j, k)];
            }
            biases[j] = data[biasOffsets[l] + j];
        }
    }

    /** Where the weight from input k to unit j of weight layer l sits. */
    private int weightIndex(int l, int j, int k) {
        return weightOffsets[l] + switch (order) {
            case BY_UNIT -> j * spec.size(l) + k;
            case BY_INPUT -> k * spec.size(l + 1) + j;
        };
    }
}
