package dev.mlp4j.core.check;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.Backprop;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares backprop's gradient with central finite differences (C(θ+ε) − C(θ−ε)) / 2ε, parameter by parameter,
 * in double precision.
 *
 * <p>The error of one parameter is |a − n| / max(|a|, |n|), with a the analytic and n the numerical derivative.
 * A parameter fails when that exceeds the bound and |a − n| also exceeds {@code minAbsoluteError}: below the floor
 * the difference is rounding noise, not a wrong gradient. Defaults follow DL4J's GradientCheckUtil: ε = 1e-6, max relative
 * error 1e-3, min absolute error 1e-8.
 */
public final class GradientCheck {
    public static final double DEFAULT_EPSILON = 1e-6;
    public static final double DEFAULT_MAX_RELATIVE_ERROR = 1e-3;
    public static final double DEFAULT_MIN_ABSOLUTE_ERROR = 1e-8;

    /** How the numerical derivative is taken. */
    public enum Stencil { CENTRAL, FIVE_POINT, SEVEN_POINT }

    private final double epsilon;
    private final Stencil stencil;
    private final double maxRelativeError;
    private final double minAbsoluteError;

    public GradientCheck() {
        this(DEFAULT_EPSILON, DEFAULT_MAX_RELATIVE_ERROR, DEFAULT_MIN_ABSOLUTE_ERROR);
    }

    public GradientCheck(double epsilon, double maxRelativeError, double minAbsoluteError) {
        this(Stencil.CENTRAL, epsilon, maxRelativeError, minAbsoluteError);
    }

    public GradientCheck(Stencil stencil, double epsilon, double maxRelativeError, double minAbsoluteError) {
        // A NaN bound makes every comparison false, so every check would pass; a zero ε divides by zero. A zero floor
        // is allowed: it asks that even rounding noise stay within the relative bound.
        requireFinite("epsilon", epsilon, false, DEFAULT_EPSILON);
        requireFinite("maxRelativeError", maxRelativeError, false, DEFAULT_MAX_RELATIVE_ERROR);
        requireFinite("minAbsoluteError", minAbsoluteError, true, DEFAULT_MIN_ABSOLUTE_ERROR);
        if (stencil == null) {
            throw new InvalidInputException("The stencil is null; give Stencil.CENTRAL, FIVE_POINT or SEVEN_POINT.");
        }
        this.stencil = stencil;
        this.epsilon = epsilon;
        this.maxRelativeError = maxRelativeError;
        this.minAbsoluteError = minAbsoluteError;
    }

    private static void requireFinite(String name, double value, boolean zeroAllowed, double usual) {
        if (!Double.isFinite(value) || value < 0 || (value == 0 && !zeroAllowed)) {
            throw new InvalidInputException("The gradient check's " + name + " is " + value + "; give a finite number "
                    + (zeroAllowed ? "of 0 or more" : "above 0") + ", e.g. " + usual + ".");
        }
    }

    /** |a − n| / max(|a|, |n|), and 0 when both are 0. */
    public static double relativeError(double analytic, double numeric) {
        double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
        return scale == 0 ? 0 : Math.abs(analytic - numeric) / scale;
    }

    /**
     * Whether one parameter's derivatives disagree: relative error above the bound and absolute difference above
     * the floor. NaN anywhere disagrees.
     */
    public static boolean disagree(double analytic, double numeric, double maxRelativeError, double minAbsoluteError) {
        if (Double.isNaN(analytic) || Double.isNaN(numeric)) {
            return true;
        }
        return relativeError(analytic, numeric) > maxRelativeError && Math.abs(analytic - numeric) > minAbsoluteError;
    }

    /**
     * Checks every weight and bias of {@code p} on the batch. {@code p} is restored before returning. A batch of other
     * widths than {@code p}'s network is refused by {@link Backprop}.
     */
    public GradientCheckReport check(Parameters p, Batch batch, StepSettings settings) {
        if (p == null || batch == null || settings == null) {
            throw new InvalidInputException((p == null ? "The parameters are" : batch == null ? "The batch is" : "The step settings are")
                    + " null; check needs parameters, a batch of examples and step settings (StepSettings.NONE for none).");
        }
        if (batch.size() == 0) {
            throw new InvalidInputException("The batch is empty, so there is no cost to differentiate; give at least one example, "
                    + "e.g. RandomBatch.of(spec, 4, random).");
        }
        Backprop backprop = new Backprop(p.spec());
        Gradients analytic = Gradients.zeros(p.spec());
        backprop.backprop(p, batch, settings, analytic);
        List<GradientCheckReport.ArrayResult> arrays = new ArrayList<>();
        for (int l = 0; l < p.spec().depth(); l++) {
            arrays.add(compare("weights[" + l + "]", p.weights(l), analytic.weights()[l], p, batch, settings, backprop));
            arrays.add(compare("biases[" + l + "]", p.biases(l), analytic.biases()[l], p, batch, settings, backprop));
        }
        return new GradientCheckReport(arrays, maxRelativeError);
    }

    private double numericDerivative(double[] values, int i, Parameters p, Batch batch, StepSettings settings, Backprop backprop) {
        double saved = values[i];
        try {
            double central = costAt(values, i, saved + epsilon, p, batch, settings, backprop)
                    - costAt(values, i, saved - epsilon, p, batch, settings, backprop);
            if (stencil == Stencil.CENTRAL) {
                return central / (2 * epsilon);
            }
            double wide = costAt(values, i, saved + 2 * epsilon, p, batch, settings, backprop)
                    - costAt(values, i, saved - 2 * epsilon, p, batch, settings, backprop);
            if (stencil == Stencil.FIVE_POINT) {
                return (8 * central - wide) / (12 * epsilon);
            }
            double widest = costAt(values, i, saved + 3 * epsilon, p, batch, settings, backprop)
                    - costAt(values, i, saved - 3 * epsilon, p, batch, settings, backprop);
            return (45 * central - 9 * wide + widest) / (60 * epsilon);
        } finally {
            values[i] = saved;
        }
    }

    private static double costAt(double[] values, int i, double value, Parameters p, Batch batch, StepSettings settings,
                                 Backprop backprop) {
        values[i] = value;
        return backprop.cost(p, batch, settings);
    }

    private GradientCheckReport.ArrayResult compare(String name, double[] values, double[] analytic, Parameters p,
                                                    Batch batch, StepSettings settings, Backprop backprop) {
        double worst = 0;
        int worstIndex = -1;
        int failed = 0;
        double worstAnalytic = 0;
        double worstNumeric = 0;
        for (int i = 0; i < values.length; i++) {
            double numeric = numericDerivative(values, i, p, batch, settings, backprop);
            if (disagree(analytic[i], numeric, maxRelativeError, minAbsoluteError)) {
                failed++;
            }
            // Entries whose derivatives are both below the floor are rounding noise; they do not set the worst error.
            double e = Double.isNaN(analytic[i]) || Double.isNaN(numeric) ? Double.POSITIVE_INFINITY
                    : Math.max(Math.abs(analytic[i]), Math.abs(numeric)) < minAbsoluteError ? 0 : relativeError(analytic[i], numeric);
            if (worstIndex < 0 || e > worst) {
                worst = e;
                worstIndex = i;
                worstAnalytic = analytic[i];
                worstNumeric = numeric;
            }
        }
        return new GradientCheckReport.ArrayResult(name, values.length, failed, worst, worstIndex, worstAnalytic, worstNumeric);
    }
}
