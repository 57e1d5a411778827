package dev.mlp4j.verify.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One array of the user's numbers against the reference's: how many entries disagree, the largest error (see
 * {@link Tolerance}), and the first few that disagree in the user's reading order, named by the user's indices.
 */
public record ArrayComparison(String name, int entries, int mismatches, double maxRelativeError, List<Mismatch> first) {

    /** How many disagreeing entries a comparison keeps for the report. */
    public static final int KEPT = 5;

    /** One disagreeing entry: its user-side name, the user's value and the reference's. */
    public record Mismatch(String entry, double claimed, double expected) {
    }

    /** Keeps its own copy of {@code first}. */
    public ArrayComparison {
        first = List.copyOf(first);
    }

    /** @return whether every entry is within tolerance */
    public boolean agrees() {
        return mismatches == 0;
    }

    /**
     * Compares {@code claimed} with {@code expected}, visiting core indices in {@code order} and naming them with
     * {@code entryName}.
     */
    public static ArrayComparison of(String name, double[] claimed, double[] expected, int[] order,
                                     IntFunction<String> entryName, Tolerance tolerance) {
        double floor = Tolerance.floor(expected);
        int mismatches = 0;
        double worst = 0;
        List<Mismatch> first = new ArrayList<>();
        for (int i : order) {
            double e = Tolerance.error(claimed[i], expected[i], floor);
            worst = Math.max(worst, e);
            if (e > tolerance.relative()) {
                mismatches++;
                if (first.size() < KEPT) {
                    first.add(new Mismatch(entryName.apply(i), claimed[i], expected[i]));
                }
            }
        }
        return new ArrayComparison(name, expected.length, mismatches, worst, first);
    }

    /** Entries in stored order. */
    public static ArrayComparison of(String name, double[] claimed, double[] expected, IntFunction<String> entryName,
                                     Tolerance tolerance) {
        int[] order = new int[expected.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return of(name, claimed, expected, order, entryName, tolerance);
    }
}
