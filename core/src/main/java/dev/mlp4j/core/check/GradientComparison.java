package dev.mlp4j.core.check;

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

    public static GradientCheckReport compare(Gradients actual, Gradients reference, double maxRelative, double floor) {
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
