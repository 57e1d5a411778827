package dev.mlp4j.gpu;

import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

/**
 * Where each layer's weights and biases sit in the one float buffer that holds a network on the device (and in
 * its gradient and velocity buffers): all weights first, then all biases, so that the L2 term, which only
 * weights carry, applies to one prefix of the buffer.
 *
 * <p>On the device a weight matrix is stored input-major, the transpose of {@link Parameters}: element (k, j) is
 * the weight from input unit k to output unit j, at {@code weightOffset(l) + k * size(l+1) + j}. Every product in
 * backprop then walks rows of contiguous memory (see products.cl). Only the copies to and from the host transpose.
 */
final class ParameterLayout {
    private final NetworkSpec spec;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int weightCount;
    private final int total;

    ParameterLayout(NetworkSpec spec) {
        this.spec = spec;
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
        if (n > Integer.MAX_VALUE - ClBuffer.SLACK) {
            throw new IllegalArgumentException("network " + spec.layersText() + " has more parameters than one device buffer addresses");
        }
        return (int) n;
    }

    int weightOffset(int l) {
        return weightOffsets[l];
    }

    int biasOffset(int l) {
        return biasOffsets[l];
    }

    int weightCount() {
        return weightCount;
    }

    int total() {
        return total;
    }

    /** Parameters (or velocities) in device order, as float. */
    float[] pack(Parameters p) {
        float[] out = new float[total];
        for (int l = 0; l < spec.depth(); l++) {
            pack(p.weights(l), p.biases(l), l, out);
        }
        return out;
    }

    private void pack(double[] weights, double[] biases, int l, float[] out) {
        int in = spec.size(l);
        int units = spec.size(l + 1);
        int base = weightOffsets[l];
        for (int j = 0; j < units; j++) {
            for (int k = 0; k < in; k++) {
                out[base + k * units + j] = (float) weights[j * in + k];
            }
            out[biasOffsets[l] + j] = (float) biases[j];
        }
    }

    Parameters unpack(float[] data) {
        Parameters p = new Parameters(spec);
        for (int l = 0; l < spec.depth(); l++) {
            unpack(data, l, p.weights(l), p.biases(l));
        }
        return p;
    }

    Gradients unpackGradients(float[] data) {
        Gradients g = Gradients.zeros(spec);
        for (int l = 0; l < spec.depth(); l++) {
            unpack(data, l, g.weights()[l], g.biases()[l]);
        }
        return g;
    }

    private void unpack(float[] data, int l, double[] weights, double[] biases) {
        int in = spec.size(l);
        int units = spec.size(l + 1);
        int base = weightOffsets[l];
        for (int j = 0; j < units; j++) {
            for (int k = 0; k < in; k++) {
                weights[j * in + k] = data[base + k * units + j];
            }
            biases[j] = data[biasOffsets[l] + j];
        }
    }
}
