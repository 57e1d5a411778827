package dev.mlp4j.core.nn;

/**
 * δᴸ = ∂C/∂zᴸ, the error of the output layer, for every (output activation, cost) pair.
 *
 * <p>Two pairs have a closed form that is both cheaper and better conditioned than the chain rule, and they are
 * why those pairs exist: sigmoid with cross-entropy and softmax with log-likelihood both give δ = a − y, the σ'(z)
 * factor cancelling (Nielsen ch. 3). Softmax with cross-entropy has its own form, which avoids the chain rule's
 * 0 · ∞ at a saturated unit. Every other pair takes the general chain rule δ = Jσ(z)ᵀ ∂C/∂a; the forms are
 * tested against each other and against finite differences. Multiplying a − y by σ'(z) again for cross-entropy is
 * the most common hand-written backprop bug, which is why this is spelled out per pair and not assumed. Which pair
 * takes which form is {@link OutputPairing#deltaForm}'s to say.
 */
public final class OutputDelta {
    private OutputDelta() {
    }

    /** True when (activation, cost) has the closed form δ = a − y: {@link OutputPairing#isAMinusY}. */
    public static boolean isAMinusY(Activation output, Cost cost) {
        return OutputPairing.of(output, cost).isAMinusY();
    }

    /**
     * Writes δ for one example's output row into {@code delta[offset .. offset+length)}; {@code scratch} is a work
     * row of the same layout.
     */
    public static void compute(Activation output, Cost cost, double[] z, double[] a, double[] y,
                               double[] delta, double[] scratch, int offset, int length) {
        switch (OutputPairing.of(output, cost).deltaForm()) {
            case A_MINUS_Y -> {
                for (int i = offset; i < offset + length; i++) {
                    delta[i] = a[i] - y[i];
                }
            }
            case SOFTMAX_CROSS_ENTROPY -> softmaxCrossEntropy(z, a, y, delta, scratch, offset, length);
            case CHAIN_RULE -> general(output, cost, z, a, y, delta, scratch, offset, length);
        }
    }

    /**
     * δ for softmax with cross-entropy without dividing by 1 − a. The chain rule's ∂C/∂a_k has 1 − a_k below it,
     * which is 0 for a unit that has saturated to a_k = 1 (z ahead of the rest by about 37 in float64, 17 in
     * float32), and then δ is ∞ · 0 = NaN although the true δ is bounded. Carrying the chain rule through by hand,
     * with h_k = a_k ∂C/∂a_k = −y_k + (1 − y_k) a_k/(1 − a_k):
     * <pre>
     *   δ_i = h_i (1 − a_i) − a_i Σ_{k≠i} h_k = (a_i − y_i) + Σ_{k≠i} [ y_k a_i − (1 − y_k) a_k · a_i/(1 − a_k) ]
     * </pre>
     * and a_i/(1 − a_k) = e^{z_i} / Σ_{m≠k} e^{z_m} = exp(z_i − lse_{m≠k} z_m), which lies in [0, 1] and is exact
     * from z even where a_i and 1 − a_k have both underflowed to 0.
     */
    static void softmaxCrossEntropy(double[] z, double[] a, double[] y, double[] delta, double[] lseWithout,
                                    int offset, int length) {
        int end = offset + length;
        for (int k = offset; k < end; k++) {
            lseWithout[k] = OutputCost.logSumExp(z, offset, length, k);
        }
        for (int i = offset; i < end; i++) {
            double d = a[i] - y[i];
            for (int k = offset; k < end; k++) {
                if (k != i) {
                    d += y[k] * a[i] - (1 - y[k]) * a[k] * Math.exp(z[i] - lseWithout[k]);
                }
            }
            delta[i] = d;
        }
    }

    /** The chain rule without shortcuts: δ = Jσ(z)ᵀ ∂C/∂a. */
    public static void general(Activation output, Cost cost, double[] z, double[] a, double[] y,
                               double[] delta, double[] scratch, int offset, int length) {
        cost.gradient(a, y, scratch, offset, length);
        output.backward(z, a, scratch, delta, offset, length);
    }
}
