package dev.mlp4j.core.nn;

/**
 * δᴸ = ∂C/∂zᴸ, the error of the output layer, for every (output activation, cost) pair.
 *
 * <p>Two pairs have a closed form that is both cheaper and better conditioned than the chain rule, and they are
 * why those pairs exist: sigmoid with cross-entropy and softmax with log-likelihood both give δ = a − y, the σ'(z)
 * factor cancelling (Nielsen ch. 3). Every other pair takes the general chain rule δ = Jσ(z)ᵀ ∂C/∂a; the two are
 * tested against each other and against finite differences. Multiplying a − y by σ'(z) again for cross-entropy is
 * the most common hand-written backprop bug, which is why this is spelled out per pair and not assumed.
 */
public final class OutputDelta {
    private OutputDelta() {
    }

    /** True when (activation, cost) has the closed form δ = a − y. */
    public static boolean isAMinusY(Activation output, Cost cost) {
        return (output == Activation.SIGMOID && cost == Cost.CROSS_ENTROPY)
                || (output == Activation.SOFTMAX && cost == Cost.LOG_LIKELIHOOD)
                || (output == Activation.LINEAR && cost == Cost.QUADRATIC);
    }

    /**
     * Writes δ for one example's output row into {@code delta[offset .. offset+length)}; {@code scratch} is a work
     * row of the same layout.
     */
    public static void compute(Activation output, Cost cost, double[] z, double[] a, double[] y,
                               double[] delta, double[] scratch, int offset, int length) {
        if (isAMinusY(output, cost)) {
            for (int i = offset; i < offset + length; i++) {
                delta[i] = a[i] - y[i];
            }
            return;
        }
        general(output, cost, z, a, y, delta, scratch, offset, length);
    }

    /** The chain rule without shortcuts: δ = Jσ(z)ᵀ ∂C/∂a. */
    public static void general(Activation output, Cost cost, double[] z, double[] a, double[] y,
                               double[] delta, double[] scratch, int offset, int length) {
        cost.gradient(a, y, scratch, offset, length);
        output.backward(z, a, scratch, delta, offset, length);
    }
}
