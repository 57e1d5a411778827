package dev.mlp4j.verify.compare;

import dev.mlp4j.core.InvalidInputException;

/**
 * When a claimed number counts as the reference's. An entry's error is |claimed − expected| divided by the larger
 * of |claimed|, |expected| and a floor of {@value #FLOOR_FRACTION} times the array's largest expected magnitude;
 * it agrees when that error is at most {@code relative}.
 *
 * <p>The floor is there because a sum of large terms that nearly cancel carries rounding error of the size of its
 * terms, not of its result: judged relative to itself, a tiny gradient entry computed in a different order, or
 * in float32, would look wrong when it is not.
 *
 * @param relative the largest error that agrees: 1e-6 suits gradients computed in double precision (JavaScript
 *                 numbers, numpy's default), about 1e-3 those computed in float32
 */
public record Tolerance(double relative) {
    public static final double DEFAULT_RELATIVE = 1e-6;
    public static final double FLOOR_FRACTION = 1e-3;
    public static final Tolerance DEFAULT = new Tolerance(DEFAULT_RELATIVE);

    public Tolerance {
        if (!(relative > 0 && relative < 1)) {
            throw new InvalidInputException("The tolerance must be between 0 and 1 (exclusive), not " + relative + ".");
        }
    }

    /** The magnitude below which entries of an array shaped like {@code expected} are judged absolutely. */
    public static double floor(double[] expected) {
        double max = 0;
        for (double v : expected) {
            max = Math.max(max, Math.abs(v));
        }
        return Math.max(FLOOR_FRACTION * max, Double.MIN_NORMAL);
    }

    /** The error of one entry; infinite when either value is NaN or infinite. */
    public static double error(double claimed, double expected, double floor) {
        if (!Double.isFinite(claimed) || !Double.isFinite(expected)) {
            return claimed == expected ? 0 : Double.POSITIVE_INFINITY;
        }
        double diff = Math.abs(claimed - expected);
        return diff == 0 ? 0 : diff / Math.max(Math.max(Math.abs(claimed), Math.abs(expected)), floor);
    }

    public boolean agrees(double claimed, double expected, double floor) {
        return error(claimed, expected, floor) <= relative;
    }

    /** True when every entry of {@code claimed} agrees with {@code factor} times the entry of {@code expected}. */
    public boolean agrees(double[] claimed, double[] expected, double factor) {
        double[] scaled = new double[expected.length];
        for (int i = 0; i < expected.length; i++) {
            scaled[i] = factor * expected[i];
        }
        double floor = floor(scaled);
        for (int i = 0; i < expected.length; i++) {
            if (!agrees(claimed[i], scaled[i], floor)) {
                return false;
            }
        }
        return true;
    }

    public boolean agrees(double[] claimed, double[] expected) {
        return agrees(claimed, expected, 1.0);
    }

    /** True when two numbers name the same factor, e.g. a fitted factor and the batch size. */
    public static boolean sameFactor(double a, double b) {
        return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
    }
}
