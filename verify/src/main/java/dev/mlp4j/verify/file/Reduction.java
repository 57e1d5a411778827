package dev.mlp4j.verify.file;

import java.util.Locale;

/**
 * How a batch's gradient is formed from its examples' gradients: averaged (the gradient of the mean cost, what most
 * libraries give) or summed (Nielsen's nabla_w, which his update divides by m; some hand-written nets fold 1/m into
 * the learning rate). Either is right when declared; the verify file says which its author meant.
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

    /** The reduction named {@code id} (any case; "average" for the mean, "total" for the sum), or null when it names none. */
    public static Reduction fromId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "mean", "average", "avg" -> MEAN;
            case "sum", "total" -> SUM;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
