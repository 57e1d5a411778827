package dev.mlp4j.core.nn;

/**
 * ∂C/∂w and ∂C/∂b of a mini-batch's cost, in the same layout as {@link Parameters}: Nielsen's nabla_w and nabla_b.
 */
public record Gradients(NetworkSpec spec, double[][] weights, double[][] biases) {

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

    public double weight(int l, int j, int k) {
        return weights[l][j * spec.size(l) + k];
    }
}
