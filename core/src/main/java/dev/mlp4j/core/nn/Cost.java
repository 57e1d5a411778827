package dev.mlp4j.core.nn;

import dev.mlp4j.core.Fix;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;
import dev.mlp4j.core.Setting;
import dev.mlp4j.core.data.DataSet;

import java.util.Locale;

/**
 * The cost C(a, y) of one example, with a the network's output and y the target. A mini-batch's cost is the
 * mean over its examples (plus the L2 term, which belongs to the parameters, not to the cost).
 */
public enum Cost {
    /** ½‖a − y‖², Nielsen's QuadraticCost. */
    QUADRATIC("quadratic") {
        @Override
        public double value(double[] a, double[] y, int offset, int length) {
            double sum = 0;
            for (int i = offset; i < offset + length; i++) {
                double d = a[i] - y[i];
                sum += d * d;
            }
            return 0.5 * sum;
        }

        @Override
        public void gradient(double[] a, double[] y, double[] gradA, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                gradA[i] = a[i] - y[i];
            }
        }
    },
    /** −Σ [y ln a + (1−y) ln(1−a)], Nielsen's CrossEntropyCost; needs outputs in (0, 1). */
    CROSS_ENTROPY("cross-entropy") {
        @Override
        public double value(double[] a, double[] y, int offset, int length) {
            double sum = 0;
            for (int i = offset; i < offset + length; i++) {
                // y ln a is taken as 0 when y = 0, as numpy's nan_to_num does in network2.py: 0·ln 0 is 0 in the limit.
                if (y[i] != 0) {
                    sum -= y[i] * logOfOutput(a[i]);
                }
                if (y[i] != 1) {
                    sum -= (1 - y[i]) * logOfOutput(1 - a[i]);
                }
            }
            return sum;
        }

        @Override
        public void gradient(double[] a, double[] y, double[] gradA, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                gradA[i] = (a[i] - y[i]) / (a[i] * (1 - a[i]));
            }
        }
    },
    /** −Σ y ln a: for a one-hot y, −ln a_y. Needs a softmax output so that the a form a distribution. */
    LOG_LIKELIHOOD("log-likelihood") {
        @Override
        public double value(double[] a, double[] y, int offset, int length) {
            double sum = 0;
            for (int i = offset; i < offset + length; i++) {
                if (y[i] != 0) {
                    sum -= y[i] * logOfOutput(a[i]);
                }
            }
            return sum;
        }

        @Override
        public void gradient(double[] a, double[] y, double[] gradA, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                gradA[i] = y[i] == 0 ? 0.0 : -y[i] / a[i];
            }
        }
    };

    /**
     * What an output that rounded to 0 or 1 stands for in ln: 1 − 2⁻⁵³ is the nearest double below 1, so 2⁻⁵³ is
     * the least 1 − a that float64 tells from 0 (for a itself the limit is far smaller; taking the larger keeps one
     * rule and still gives a lower bound).
     */
    private static final double SMALLEST_TOLD_FROM_ZERO = 0x1p-53;

    /** Targets stored as float, summed in double: a distribution written out in float sums to 1 within far less. */
    private static final double TARGET_SUM_TOLERANCE = 1e-4;

    private final String id;

    Cost(String id) {
        this.id = id;
    }

    /**
     * ln x for x = a or 1 − a of an output in [0, 1]. An output that rounded to exactly 0 or 1 (a saturated unit)
     * would make ln x infinite although the true cost is finite; it counts as the nearest value the precision can
     * tell from it instead, which gives a lower bound on its true cost (at least 36.7 per such output).
     * {@link OutputCost} computes the exact value from z where z is known, as training does.
     */
    static double logOfOutput(double x) {
        return Math.log(x == 0 ? SMALLEST_TOLD_FROM_ZERO : x);
    }

    /** C for one example's output row. */
    public abstract double value(double[] a, double[] y, int offset, int length);

    /** ∂C/∂a for one example's output row. */
    public abstract void gradient(double[] a, double[] y, double[] gradA, int offset, int length);

    /** Why this cost cannot follow the given output activation, or null when the pair is valid: {@link OutputPairing#incompatibility}. */
    public Problem incompatibility(Activation output) {
        return OutputPairing.of(output, this).incompatibility();
    }

    /**
     * Why this cost cannot score the targets of {@code set}, as a sentence, or null when it can. Cross-entropy's
     * y ln a + (1−y) ln(1−a) is a cost only for y in [0, 1] (outside it the "cost" goes negative and its minimum is
     * not at a = y); the log-likelihood, and the δ = a − y softmax gives with it, need y to be a distribution.
     */
    public Problem targetProblem(DataSet set) {
        if (this == QUADRATIC) {
            return null;
        }
        float[] y = set.targetArray();
        int k = set.outputSize();
        for (int e = 0; e < set.size(); e++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                float v = y[e * k + j];
                if (this == CROSS_ENTROPY && !(v >= 0 && v <= 1)) {
                    return new Problem("The cross-entropy cost needs targets in [0, 1], but target " + j + " of example " + e + " of "
                            + set.name() + " is " + v, null, Fix.of("use ", Setting.COST.at("quadratic"), ", or scale the targets into [0, 1]"));
                }
                if (this == LOG_LIKELIHOOD && !(v >= 0)) {
                    return new Problem("The log-likelihood cost needs each example's targets to be a distribution (non-negative, summing to 1),"
                            + " but target " + j + " of example " + e + " of " + set.name() + " is " + v, null,
                            Fix.of("use ", Setting.COST.at("quadratic"), ", or one-hot targets"));
                }
                sum += v;
            }
            if (this == LOG_LIKELIHOOD && Math.abs(sum - 1) > TARGET_SUM_TOLERANCE) {
                return new Problem("The log-likelihood cost needs each example's targets to be a distribution (non-negative, summing to 1),"
                        + " but those of example " + e + " of " + set.name() + " sum to " + (float) sum, null,
                            Fix.of("use ", Setting.COST.at("quadratic"), ", or one-hot targets"));
            }
        }
        return null;
    }

    public String id() {
        return id;
    }

    public static Cost fromId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Cost c : values()) {
            if (c.id.equals(wanted)) {
                return c;
            }
        }
        throw new InvalidInputException(new Problem("Unknown cost '" + id + "'; " + nameFor(wanted) + "use one of quadratic, cross-entropy, log-likelihood", null, null));
    }

    /** What other libraries' names for these costs are called here, as the start of a clause; empty when unknown. */
    private static String nameFor(String other) {
        String plain = other.replace("-", "");
        if (plain.matches("mse|meansquarederror|squarederror|sse|l2")) {
            return "the squared error is quadratic here (½‖a − y‖²; a mean over the outputs differs from it by a constant factor); ";
        }
        if (plain.matches("categoricalcrossentropy|softmaxcrossentropy|nll|negativeloglikelihood|crossentropyloss|loglikelihoodloss")) {
            return "−Σ y ln a after a softmax output is log-likelihood here; ";
        }
        if (plain.matches("binarycrossentropy|bce|crossentropy|logloss|bcewithlogits")) {
            return "−Σ [y ln a + (1 − y) ln(1 − a)] is cross-entropy here; ";
        }
        return "";
    }

    @Override
    public String toString() {
        return id;
    }
}
