package dev.mlp4j.core.nn;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;

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
        if (spec == null) {
            throw new InvalidInputException(new Problem("The NetworkSpec is null; give the network these parameters are for", null, null));
        }
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
        checkShapes(spec, weights, biases);
        this.spec = spec;
        this.weights = weights;
        this.biases = biases;
    }

    /** Refuses weight and bias arrays that are not laid out for {@code spec}: shared with {@link Gradients}. */
    static void checkShapes(NetworkSpec spec, double[][] weights, double[][] biases) {
        if (spec == null || weights == null || biases == null) {
            throw new InvalidInputException(new Problem((spec == null ? "The NetworkSpec is" : weights == null ? "The weights are" : "The biases are")
                    + " null; give a NetworkSpec with one weight array and one bias array per layer of it", null, null));
        }
        if (weights.length != spec.depth() || biases.length != spec.depth()) {
            throw new InvalidInputException(new Problem("Expected " + spec.depth() + " weight and bias layers for " + spec.layersText()
                    + " but got " + weights.length + " and " + biases.length, null, null));
        }
        for (int l = 0; l < spec.depth(); l++) {
            int rows = spec.size(l + 1);
            int cols = spec.size(l);
            if (weights[l] == null || biases[l] == null || weights[l].length != rows * cols || biases[l].length != rows) {
                throw new InvalidInputException(new Problem("Weight layer " + l + " should be " + rows + "x" + cols + " with " + rows
                        + " biases but has " + length(weights[l]) + " weights and " + length(biases[l]) + " biases", null, null));
            }
        }
    }

    private static String length(double[] a) {
        return a == null ? "null" : String.valueOf(a.length);
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

    /** The weight from neuron k of layer l to neuron j of layer l+1. */
    public double weight(int l, int j, int k) {
        int i = weightIndex(spec, l, j, k);
        return weights[l][i];
    }

    /** Sets the weight from neuron k of layer l to neuron j of layer l+1. */
    public void setWeight(int l, int j, int k, double value) {
        int i = weightIndex(spec, l, j, k);
        weights[l][i] = value;
    }

    /** The row-major index of weight (l, j, k), checked: an unchecked k past its row would reach the next row's weights. */
    static int weightIndex(NetworkSpec spec, int l, int j, int k) {
        if (l < 0 || l >= spec.depth() || j < 0 || j >= spec.size(l + 1) || k < 0 || k >= spec.size(l)) {
            throw new InvalidInputException(new Problem("There is no weight (" + l + ", " + j + ", " + k + ") in " + spec.layersText()
                    + "; give l in 0.." + (spec.depth() - 1) + ", then j below the size of layer l+1 and k below that of layer l"
                    + (l >= 0 && l < spec.depth() ? " (j < " + spec.size(l + 1) + ", k < " + spec.size(l) + ")" : ""), null, null));
        }
        return j * spec.size(l) + k;
    }

    public Parameters copy() {
        Parameters c = new Parameters(spec);
        c.copyFrom(this);
        return c;
    }

    /**
     * A copy of these weights and biases for a network of the same layer sizes with other activations or another
     * cost: what the same weights compute with, say, a linear output layer.
     *
     * @throws InvalidInputException when {@code other}'s layer sizes are not these parameters'
     */
    public Parameters copyFor(NetworkSpec other) {
        if (other == null || !other.layers().equals(spec.layers())) {
            throw new InvalidInputException(new Problem("Parameters of " + spec.layersText() + " cannot serve the network "
                    + (other == null ? "null" : other.layersText()) + "; give a network of the same layer sizes", null, null));
        }
        double[][] w = new double[spec.depth()][];
        double[][] b = new double[spec.depth()][];
        for (int l = 0; l < spec.depth(); l++) {
            w[l] = weights[l].clone();
            b[l] = biases[l].clone();
        }
        return new Parameters(other, w, b);
    }

    /** Overwrites these parameters with {@code other}'s, which must be of the same network. */
    public void copyFrom(Parameters other) {
        if (other == null) {
            throw new InvalidInputException(new Problem("The parameters to copy from are null; pass Parameters of " + spec, null, null));
        }
        spec.requireSame(other.spec, "the parameters to copy", "these parameters are", "copy only between parameters of the same NetworkSpec");
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
