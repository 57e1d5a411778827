package dev.mlp4j.core.nn;

import dev.mlp4j.core.InvalidInputException;

import java.util.Arrays;

/**
 * The weights and biases of a network: the one mutable thing a trained model is.
 *
 * <p>Laid out as in Nielsen's network2.py: {@code weights[l]} is the matrix of weight layer l with one row per
 * neuron of layer l+1 and one column per neuron of layer l, stored row-major, so that weight(l, j, k) is the
 * weight from neuron k in layer l to neuron j in layer l+1; {@code biases[l][j]} is the bias of neuron j in
 * layer l+1.
 */
public final class Parameters {
    private final NetworkSpec spec;
    private final double[][] weights;
    private final double[][] biases;

    /** All parameters zero. */
    public Parameters(NetworkSpec spec) {
        this.spec = spec;
        this.weights = new double[spec.depth()][];
        this.biases = new double[spec.depth()][];
        for (int l = 0; l < spec.depth(); l++) {
            weights[l] = new double[spec.size(l + 1) * spec.size(l)];
            biases[l] = new double[spec.size(l + 1)];
        }
    }

    /** Wraps the given arrays after checking their shapes; does not copy them. */
    public Parameters(NetworkSpec spec, double[][] weights, double[][] biases) {
        this.spec = spec;
        if (weights.length != spec.depth() || biases.length != spec.depth()) {
            throw new InvalidInputException("Expected " + spec.depth() + " weight and bias layers for " + spec.layersText()
                    + " but got " + weights.length + " and " + biases.length + ".");
        }
        for (int l = 0; l < spec.depth(); l++) {
            int rows = spec.size(l + 1);
            int cols = spec.size(l);
            if (weights[l].length != rows * cols || biases[l].length != rows) {
                throw new InvalidInputException("Weight layer " + l + " should be " + rows + "x" + cols + " with " + rows
                        + " biases but has " + weights[l].length + " weights and " + biases[l].length + " biases.");
            }
        }
        this.weights = weights;
        this.biases = biases;
    }

    public NetworkSpec spec() {
        return spec;
    }

    /** Weight layer l, row-major (rows: neurons of layer l+1; columns: neurons of layer l). Live, not a copy. */
    public double[] weights(int l) {
        return weights[l];
    }

    /** Biases of layer l+1. Live, not a copy. */
    public double[] biases(int l) {
        return biases[l];
    }

    public double weight(int l, int j, int k) {
        return weights[l][j * spec.size(l) + k];
    }

    public void setWeight(int l, int j, int k, double value) {
        weights[l][j * spec.size(l) + k] = value;
    }

    public Parameters copy() {
        Parameters c = new Parameters(spec);
        c.copyFrom(this);
        return c;
    }

    public void copyFrom(Parameters other) {
        for (int l = 0; l < spec.depth(); l++) {
            System.arraycopy(other.weights[l], 0, weights[l], 0, weights[l].length);
            System.arraycopy(other.biases[l], 0, biases[l], 0, biases[l].length);
        }
    }

    /** Σ w² over all weights (not biases): the L2 penalty's sum. */
    public double sumOfSquaredWeights() {
        double sum = 0;
        for (double[] w : weights) {
            for (double v : w) {
                sum += v * v;
            }
        }
        return sum;
    }

    /** The first weight or bias that is NaN or infinite, described, or null when all are finite. */
    public String firstNonFinite() {
        for (int l = 0; l < spec.depth(); l++) {
            for (int i = 0; i < weights[l].length; i++) {
                if (!Double.isFinite(weights[l][i])) {
                    return "weights[" + l + "][" + (i / spec.size(l)) + "][" + (i % spec.size(l)) + "] = " + weights[l][i];
                }
            }
            for (int j = 0; j < biases[l].length; j++) {
                if (!Double.isFinite(biases[l][j])) {
                    return "biases[" + l + "][" + j + "] = " + biases[l][j];
                }
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && spec.equals(p.spec)
                && Arrays.deepEquals(weights, p.weights) && Arrays.deepEquals(biases, p.biases);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(weights) * 31 + Arrays.deepHashCode(biases);
    }
}
