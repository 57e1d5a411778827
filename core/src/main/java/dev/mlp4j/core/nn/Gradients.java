package dev.mlp4j.core.nn;

import java.util.Arrays;

/**
 * ∂C/∂w and ∂C/∂b of a mini-batch's cost, in the same layout as {@link Parameters}: Nielsen's nabla_w and nabla_b.
 *
 * <p>The arrays are live, not copies: {@link Backprop} writes a batch's gradient into them. Two gradients are equal
 * when their network and every entry are.
 */
public record Gradients(NetworkSpec spec, double[][] weights, double[][] biases) {

    /** Checks that the arrays are laid out for {@code spec}, so that comparing two gradients never reads past one. */
    public Gradients {
        Parameters.checkShapes(spec, weights, biases);
    }

    /**
     * @param spec the network
     * @return a gradient of zeros for it
     */
    public static Gradients zeros(NetworkSpec spec) {
        Parameters p = new Parameters(spec);
        double[][] w = new double[spec.depth()][];
        double[][] b = new double[spec.depth()][];
        for (int l = 0; l < spec.depth(); l++) {
            w[l] = p.weights(l);
            b[l] = p.biases(l);
        }
        return new Gradients(spec, w, b);
    }

    /** ∂C/∂w for the weight from neuron k of layer l to neuron j of layer l+1. */
    public double weight(int l, int j, int k) {
        int i = Parameters.weightIndex(spec, l, j, k);
        return weights[l][i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gradients g && spec.equals(g.spec)
                && Arrays.deepEquals(weights, g.weights) && Arrays.deepEquals(biases, g.biases);
    }

    @Override
    public int hashCode() {
        return (spec.hashCode() * 31 + Arrays.deepHashCode(weights)) * 31 + Arrays.deepHashCode(biases);
    }
}
