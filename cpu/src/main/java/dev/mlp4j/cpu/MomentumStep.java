package dev.mlp4j.cpu;

import java.nio.FloatBuffer;

/**
 * The SGD step with classical momentum and L2 that {@link dev.mlp4j.core.backend.ReferenceBackend} takes, for one
 * layer: ∇C = g + (λ/n)w; v ← μv − η∇C; w ← w + v (with μ = 0, w ← w − η∇C and v untouched), where the gradient g is
 * (1/m)·δᵀa over the batch's m rows.
 *
 * <p>Every term is written into the weight gradient's own product: sgemm computes C ← α·δᵀa + β·C, so with α = −η/m
 * and C the velocities (β = μ) or, without momentum, the weights themselves (β = 1 − ηλ/n), the step needs no
 * gradient array and no pass of its own over the weights beyond OpenBLAS's saxpy. Another update rule (one that
 * needs the gradient itself) would take the product into a gradient array and update from there.
 */
final class MomentumStep {
    private final float eta;
    private final float mu;
    private final float l2Scale;

    MomentumStep(double learningRate, double momentum, double l2Scale) {
        this.eta = (float) learningRate;
        this.mu = (float) momentum;
        this.l2Scale = (float) l2Scale;
    }

    /**
     * The step of weight layer l: out × in weights {@code w} and velocities {@code v}, from the m rows of the layer's
     * δ (m × out) and its inputs a (m × in).
     */
    void weights(int out, int in, int m, FloatBuffer delta, FloatBuffer a, FloatBuffer w, FloatBuffer v) {
        float alpha = -eta / m;
        if (mu == 0) {
            OpenBlas.transposedTimes(out, in, m, alpha, delta, a, 1f - eta * l2Scale, w);
            return;
        }
        OpenBlas.transposedTimes(out, in, m, alpha, delta, a, mu, v);
        if (l2Scale != 0) {
            OpenBlas.axpy(out * in, -eta * l2Scale, w, v);
        }
        OpenBlas.axpy(out * in, 1f, v, w);
    }

    /** The step of the biases b (no L2) and their velocities v, from δ's m rows and a column of m ones. */
    void biases(int out, int m, FloatBuffer delta, FloatBuffer ones, FloatBuffer b, FloatBuffer v) {
        float alpha = -eta / m;
        if (mu == 0) {
            OpenBlas.transposedTimesVector(m, out, alpha, delta, ones, 1f, b);
            return;
        }
        OpenBlas.transposedTimesVector(m, out, alpha, delta, ones, mu, v);
        OpenBlas.axpy(out, 1f, v, b);
    }
}
