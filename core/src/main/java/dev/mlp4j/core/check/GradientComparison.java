package dev.mlp4j.core.check;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.nn.Gradients;

import java.util.ArrayList;
import java.util.List;

/**
 * One gradient against another (a backend's against the reference's, say), array by array, with the same error
 * measure and report as {@link GradientCheck}.
 */
public final class GradientComparison {
    private GradientComparison() {
    }

    /**
     * Compares {@code actual} with {@code reference} entry by entry.
     *
     * @throws InvalidInputException when either is null or they are of different networks
     */
    public static GradientCheckReport compare(Gradients actual, Gradients reference, double maxRelative, double floor) {
        if (actual == null || reference == null) {
            throw new InvalidInputException("The " + (actual == null ? "actual" : "reference") + " gradients are null; compare two gradients of one network.");
        }
        // Gradients' arrays match their spec, so equal specs mean every array is compared whole, not a prefix of it.
        reference.spec().requireSame(actual.spec(), "the gradients compared", "the reference gradients are",
                "compare gradients of the same NetworkSpec");
        List<GradientCheckReport.ArrayResult> arrays = new ArrayList<>();
        for (int l = 0; l < reference.weights().length; l++) {
            arrays.add(compare("weights[" + l + "]", actual.weights()[l], reference.weights()[l], maxRelative, floor));
            arrays.add(compare("biases[" + l + "]", actual.biases()[l], reference.biases()[l], maxRelative, floor));
        }
        return new GradientCheckReport(arrays, maxRelative);
    }

    private static GradientCheckReport.ArrayResult compare(String name, double[] a, double[] r, double maxRelative, double floor) {
        double worst = 0;
        int worstIndex = 0;
        int failed = 0;
        for (int i = 0; i < r.length; i++) {
            if (GradientCheck.disagree(a[i], r[i], maxRelative, floor)) {
                failed++;
            }
            double e = Double.isNaN(a[i]) ? Double.POSITIVE_INFINITY
                    : Math.max(Math.abs(a[i]), Math.abs(r[i])) < floor ? 0 : GradientCheck.relativeError(a[i], r[i]);
            if (e > worst) {
                worst = e;
                worstIndex = i;
            }
        }
        return new GradientCheckReport.ArrayResult(name, r.length, failed, worst, worstIndex, a[worstIndex], r[worstIndex]);
    }
}
