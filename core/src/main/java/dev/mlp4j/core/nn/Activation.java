package dev.mlp4j.core.nn;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;

import java.util.Locale;

/**
 * The activation functions σ a layer can apply to its weighted input z. All but softmax act on each unit
 * alone; softmax couples the units of one example, which is why {@link #apply} and {@link #backward} take a
 * whole row rather than one number.
 */
public enum Activation {
    /** σ(z) = 1/(1+e^−z), in (0,1); σ'(z) = σ(z)(1−σ(z)). */
    SIGMOID("sigmoid") {
        @Override
        double value(double z) {
            return 1.0 / (1.0 + Math.exp(-z));
        }

        @Override
        double derivative(double z, double a) {
            return a * (1.0 - a);
        }
    },
    /** tanh z, in (−1,1); its derivative is 1 − tanh² z. */
    TANH("tanh") {
        @Override
        double value(double z) {
            return Math.tanh(z);
        }

        @Override
        double derivative(double z, double a) {
            return 1.0 - a * a;
        }
    },
    /** Derivative taken as 0 at z = 0, the usual subgradient. */
    RELU("relu") {
        @Override
        double value(double z) {
            return z > 0 ? z : 0.0;
        }

        @Override
        double derivative(double z, double a) {
            return z > 0 ? 1.0 : 0.0;
        }
    },
    /** The identity: a = z, derivative 1 (regression outputs). */
    LINEAR("linear") {
        @Override
        double value(double z) {
            return z;
        }

        @Override
        double derivative(double z, double a) {
            return 1.0;
        }
    },
    /** e^z_j / Σ_k e^z_k over one example's output row; output layer only, paired with the log-likelihood cost. */
    SOFTMAX("softmax") {
        @Override
        double value(double z) {
            throw new UnsupportedOperationException("softmax acts on a whole row");
        }

        @Override
        double derivative(double z, double a) {
            throw new UnsupportedOperationException("softmax acts on a whole row");
        }

        @Override
        public void apply(double[] z, double[] a, int offset, int length) {
            // Subtracting the row's maximum changes nothing mathematically and keeps exp() from overflowing.
            double max = Double.NEGATIVE_INFINITY;
            for (int i = offset; i < offset + length; i++) {
                max = Math.max(max, z[i]);
            }
            double sum = 0;
            for (int i = offset; i < offset + length; i++) {
                a[i] = Math.exp(z[i] - max);
                sum += a[i];
            }
            for (int i = offset; i < offset + length; i++) {
                a[i] /= sum;
            }
        }

        @Override
        public void backward(double[] z, double[] a, double[] gradA, double[] gradZ, int offset, int length) {
            // Jacobian of softmax is diag(a) - a aᵀ, so Jᵀg = a ⊙ (g - a·g).
            double dot = 0;
            for (int i = offset; i < offset + length; i++) {
                dot += a[i] * gradA[i];
            }
            for (int i = offset; i < offset + length; i++) {
                gradZ[i] = a[i] * (gradA[i] - dot);
            }
        }
    };

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /** σ(z) for one unit. */
    abstract double value(double z);

    /** σ'(z), given also a = σ(z) since most derivatives are cheapest written in terms of a. */
    abstract double derivative(double z, double a);

    /** a = σ(z) for one example's row of units, {@code z[offset .. offset+length)}. */
    public void apply(double[] z, double[] a, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            a[i] = value(z[i]);
        }
    }

    /** ∂C/∂z from ∂C/∂a for one example's row: the transpose of σ's Jacobian times gradA. */
    public void backward(double[] z, double[] a, double[] gradA, double[] gradZ, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            gradZ[i] = gradA[i] * derivative(z[i], a[i]);
        }
    }

    /** True when σ couples the units of a layer (softmax), so it can only be an output activation. */
    public boolean isRowWise() {
        return this == SOFTMAX;
    }

    /** The name used in model files and on the command line. */
    public String id() {
        return id;
    }

    /** The activation with the given name, case-insensitively; a sentence listing the names otherwise. */
    public static Activation fromId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (Activation a : values()) {
            if (a.id.equals(wanted)) {
                return a;
            }
        }
        throw new InvalidInputException(new Problem("Unknown activation '" + id + "'; use one of sigmoid, tanh, relu, linear, softmax", null, null));
    }

    /**
     * A hidden layer's activation: as {@link #fromId}, but an unknown name is answered with the names a hidden layer
     * takes, without softmax, which {@link NetworkSpec} allows on the output layer only.
     */
    public static Activation hiddenFromId(String id) {
        try {
            return fromId(id);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("", new Problem("Unknown hidden activation '" + id + "'; use one of sigmoid, tanh, relu, linear", null, null), null, e);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
