package dev.mlp4j.verify.compare;

import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.verify.file.ParameterArray;

import java.util.List;

/** Arithmetic on whole sets of arrays shaped like a network's parameters, as the pattern searches need it. */
public final class ParameterSets {
    private ParameterSets() {
    }

    /** The factor α that makes α·expected closest to claimed (least squares) over the given arrays; NaN if none. */
    public static double fitFactor(Parameters claimed, Parameters expected, List<ParameterArray> arrays) {
        double uv = 0;
        double vv = 0;
        for (ParameterArray a : arrays) {
            double[] u = a.values(claimed);
            double[] v = a.values(expected);
            for (int i = 0; i < u.length; i++) {
                uv += u[i] * v[i];
                vv += v[i] * v[i];
            }
        }
        return vv == 0 ? Double.NaN : uv / vv;
    }

    public static double fitFactor(double[] claimed, double[] expected) {
        double uv = 0;
        double vv = 0;
        for (int i = 0; i < claimed.length; i++) {
            uv += claimed[i] * expected[i];
            vv += expected[i] * expected[i];
        }
        return vv == 0 ? Double.NaN : uv / vv;
    }

    /** True when every array of claimed agrees with factor × the same array of expected. */
    public static boolean agree(Parameters claimed, Parameters expected, double factor, Tolerance tolerance) {
        for (ParameterArray a : ParameterArray.all(claimed.spec())) {
            if (!tolerance.agrees(a.values(claimed), a.values(expected), factor)) {
                return false;
            }
        }
        return true;
    }

    /** The arrays in which claimed and expected disagree. */
    public static List<ParameterArray> disagreeing(Parameters claimed, Parameters expected, Tolerance tolerance) {
        return ParameterArray.all(claimed.spec()).stream()
                .filter(a -> !tolerance.agrees(a.values(claimed), a.values(expected)))
                .toList();
    }

    public static List<String> names(List<ParameterArray> arrays) {
        return arrays.stream().map(ParameterArray::name).toList();
    }

    public static List<String> allNames(NetworkSpec spec) {
        return names(ParameterArray.all(spec));
    }

    /** a − b, array by array. */
    public static Parameters minus(Parameters a, Parameters b) {
        Parameters d = new Parameters(a.spec());
        for (ParameterArray x : ParameterArray.all(a.spec())) {
            double[] out = x.values(d);
            double[] u = x.values(a);
            double[] v = x.values(b);
            for (int i = 0; i < out.length; i++) {
                out[i] = u[i] - v[i];
            }
        }
        return d;
    }

    /** factor × a. */
    public static Parameters times(Parameters a, double factor) {
        Parameters d = new Parameters(a.spec());
        for (ParameterArray x : ParameterArray.all(a.spec())) {
            double[] out = x.values(d);
            double[] u = x.values(a);
            for (int i = 0; i < out.length; i++) {
                out[i] = factor * u[i];
            }
        }
        return d;
    }

    /** {@code p} with each square weight matrix transposed (null stays null): how [to][from] reads as [from][to]. */
    public static Parameters squareTransposed(Parameters p) {
        if (p == null) {
            return null;
        }
        Parameters t = p.copy();
        NetworkSpec spec = p.spec();
        for (int l = 0; l < spec.depth(); l++) {
            int n = spec.size(l);
            if (n == spec.size(l + 1)) {
                System.arraycopy(ParameterArray.transpose(p.weights(l), n, n), 0, t.weights(l), 0, n * n);
            }
        }
        return t;
    }

    public static boolean allZero(double[] v) {
        for (double x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
