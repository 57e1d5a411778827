package dev.mlp4j.core.nn;

/**
 * The cost of one example's output row computed from the output layer's weighted input z where the (activation,
 * cost) pair allows it, and from the outputs a otherwise.
 *
 * <p>Why from z: a saturated sigmoid or softmax unit rounds a to exactly 1 (in float64 once z exceeds about 37, in
 * float32 once it exceeds about 17), and then ln(1 − a) or ln a is infinite although the true cost is finite and
 * about z, the parameters are finite and the gradient a − y is fine. Taken from a, the cost of such a network reads
 * Infinity and training would stop as if it had diverged; N(0,1) weights (Nielsen's "large weight initializer")
 * reach it in the first epoch. From z the same numbers are exact:
 * <ul>
 *   <li>sigmoid with cross-entropy: −[y ln σ(z) + (1−y) ln(1−σ(z))] = softplus(z) − y z;</li>
 *   <li>softmax with log-likelihood: −Σ y_j ln a_j = Σ y_j (lse(z) − z_j), lse the log-sum-exp of the row;</li>
 *   <li>softmax with cross-entropy: ln a_j = z_j − lse(z), and ln(1 − a_j) = lse of the row without z_j, minus
 *       lse(z).</li>
 * </ul>
 * Other pairs take {@link Cost#value}; their a never saturate to where the cost overflows. Which pair takes which
 * form is {@link OutputPairing#costForm}'s to say.
 */
public final class OutputCost {
    private OutputCost() {
    }

    /** C of the output row at {@code offset}, {@code length} wide. */
    public static double value(Activation output, Cost cost, double[] z, double[] a, double[] y, int offset, int length) {
        return switch (OutputPairing.of(output, cost).costForm()) {
            case SIGMOID_CROSS_ENTROPY_FROM_Z -> sigmoidCrossEntropy(z, y, offset, length);
            case SOFTMAX_FROM_Z -> softmax(cost, z, a, y, offset, length);
            case FROM_OUTPUTS -> cost.value(a, y, offset, length);
        };
    }

    private static double sigmoidCrossEntropy(double[] z, double[] y, int offset, int length) {
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += softplus(z[i]) - y[i] * z[i];
        }
        return sum;
    }

    /** ln(1 + e^z) without overflow for large z or loss of the small result for very negative z. */
    public static double softplus(double z) {
        return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    private static double softmax(Cost cost, double[] z, double[] a, double[] y, int offset, int length) {
        double lse = logSumExp(z, offset, length, -1);
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            // 0 ln 0 is taken as 0, as Cost.value does.
            if (y[i] != 0) {
                sum -= y[i] * (z[i] - lse);
            }
            if (cost == Cost.CROSS_ENTROPY && y[i] != 1) {
                // 1 − a_i loses all its digits when a_i is near 1; the sum over the other units keeps them.
                double log1MinusA = a[i] > 0.5 ? logSumExp(z, offset, length, i) - lse : Math.log1p(-a[i]);
                sum -= (1 - y[i]) * log1MinusA;
            }
        }
        return sum;
    }

    /** ln Σ e^{z_k} over the row, leaving out index {@code skip} (-1: none). */
    static double logSumExp(double[] z, int offset, int length, int skip) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = offset; k < offset + length; k++) {
            if (k != skip) {
                max = Math.max(max, z[k]);
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (int k = offset; k < offset + length; k++) {
            if (k != skip) {
                sum += Math.exp(z[k] - max);
            }
        }
        return max + Math.log(sum);
    }
}
