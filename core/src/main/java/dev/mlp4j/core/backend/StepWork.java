package dev.mlp4j.core.backend;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.nn.NetworkSpec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * The arithmetic of one call into a backend (a training step, or a forward pass over a chunk), which "auto" weighs:
 * an OpenCL device pays a fixed cost for every call, which a small network never earns back.
 *
 * @param flops floating-point operations of the dense products of one call, counted as docs/benchmarks.md counts
 *              them (a multiply-add is two)
 * @param what  the call in words, e.g. "training step at batch 10"
 */
public record StepWork(long flops, String what) {

    /**
     * Below this, the Java reference trains faster than OpenCL on a CPU device. From docs/benchmarks.md, "Small
     * steps: core against opencl on PoCL" (2-core Xeon, PoCL 3.1), examples/s core against opencl: 0.05 MFLOP a step
     * 192,867 / 146,917; 0.14 MFLOP 31,100 / 16,548; 0.24 MFLOP 144,731 / 113,698; 0.48 MFLOP 113,107 / 122,193 and
     * 10,423 / 12,468; 1.4 MFLOP 57,608 / 138,309. A step on opencl there costs at least about 60 µs, whatever its size.
     */
    public static final long JAVA_FASTER_BELOW = 250_000;

    public StepWork {
        if (flops < 0 || what == null) {
            throw new InvalidInputException("A step's work needs a count of at least 0 FLOP (not " + flops + ") and words for the step.");
        }
    }

    /** A training step on a batch: forward, backward and weight-gradient products, 6 × parameters × batch. */
    public static StepWork training(NetworkSpec spec, int batchSize) {
        return new StepWork(6 * spec.parameterCount() * requirePositive(batchSize, "batch size"), "training step at batch " + batchSize);
    }

    /** A forward pass over {@code examples} examples: 2 × parameters × examples. */
    public static StepWork forward(NetworkSpec spec, int examples) {
        return new StepWork(2 * spec.parameterCount() * requirePositive(examples, "number of examples"),
                "forward pass over " + examples + (examples == 1 ? " example" : " examples"));
    }

    /** Whether the Java reference runs a call this small faster than OpenCL on a CPU ({@link #JAVA_FASTER_BELOW}). */
    public boolean small() {
        return flops < JAVA_FASTER_BELOW;
    }

    /** The work in MFLOP, to two significant figures below 10: "0.007 MFLOP", "4.8 MFLOP", "57 MFLOP". */
    public static String mflop(long flops) {
        double m = flops / 1e6;
        if (m >= 10) {
            return String.format(Locale.ROOT, "%.0f MFLOP", m);
        }
        return new BigDecimal(m).round(new MathContext(2)).stripTrailingZeros().toPlainString() + " MFLOP";
    }

    private static int requirePositive(int n, String what) {
        if (n < 1) {
            throw new InvalidInputException("The " + what + " must be at least 1, not " + n + ".");
        }
        return n;
    }
}
