package dev.mlp4j.verify.reference;

import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

/**
 * One forward and backward pass over a batch with everything kept, example by example, row-major (one example
 * per row): {@code activations[0]} is the input and {@code activations[l+1] = σ(zs[l])}; {@code deltas[l]} is
 * ∂C/∂{@code zs[l]}, the δ of the neurons of layer l+1.
 */
public record Trace(NetworkSpec spec, int examples, double[][] zs, double[][] activations, double[][] deltas) {

    /** ∂C/∂w and ∂C/∂b (BP3, BP4): the examples' δ aᵀ and δ summed and multiplied by {@code scale}. */
    public Parameters gradients(double scale) {
        Parameters g = new Parameters(spec);
        for (int l = 0; l < spec.depth(); l++) {
            System.arraycopy(weightGradient(l, l, scale), 0, g.weights(l), 0, g.weights(l).length);
            System.arraycopy(biasGradient(l, scale), 0, g.biases(l), 0, g.biases(l).length);
        }
        return g;
    }

    /**
     * scale · Σ over examples of δ aᵀ with the δ of weight layer {@code deltaLayer} and the activations of layer
     * {@code activationLayer}: the weight gradient of layer l when both are l, a gradient built from the wrong
     * layer's numbers otherwise. Core's layout: one row per δ unit.
     */
    public double[] weightGradient(int deltaLayer, int activationLayer, double scale) {
        int out = spec.size(deltaLayer + 1);
        int in = spec.size(activationLayer);
        double[] d = deltas[deltaLayer];
        double[] a = activations[activationLayer];
        double[] g = new double[out * in];
        for (int r = 0; r < examples; r++) {
            for (int j = 0; j < out; j++) {
                double dj = d[r * out + j];
                for (int k = 0; k < in; k++) {
                    g[j * in + k] += dj * a[r * in + k];
                }
            }
        }
        for (int i = 0; i < g.length; i++) {
            g[i] *= scale;
        }
        return g;
    }

    /** scale · Σ over examples of the δ of weight layer {@code deltaLayer}. */
    public double[] biasGradient(int deltaLayer, double scale) {
        int out = spec.size(deltaLayer + 1);
        double[] g = new double[out];
        for (int r = 0; r < examples; r++) {
            for (int j = 0; j < out; j++) {
                g[j] += deltas[deltaLayer][r * out + j];
            }
        }
        for (int j = 0; j < out; j++) {
            g[j] *= scale;
        }
        return g;
    }
}
