package dev.mlp4j.core.verify;

/**
 * How a batch's gradient is formed from its examples' gradients. Nielsen's code and most others average (the
 * gradient of the mean cost); some hand-written nets sum and fold 1/m into the learning rate instead. Either is
 * right when declared; the verify file says which its author meant.
 */
public enum Reduction {
    MEAN("mean"),
    SUM("sum");

    private final String id;

    Reduction(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The factor that turns the sum of the examples' gradients into the batch's gradient. */
    public double scale(int examples) {
        return this == MEAN ? 1.0 / examples : 1.0;
    }

    /** The reduction named {@code id}, or null when it names none. */
    public static Reduction fromId(String id) {
        for (Reduction r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return id;
    }
}
