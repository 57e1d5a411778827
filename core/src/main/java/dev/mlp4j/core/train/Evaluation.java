package dev.mlp4j.core.train;

import java.util.Arrays;

/**
 * How well a network does on a data set. Immutable: the confusion matrix is copied in and out.
 *
 * @param examples  number of examples
 * @param cost      mean cost per example (no L2 term)
 * @param accuracy  fraction classified correctly (argmax of the output equals the label; for a single output unit,
 *                  output ≥ 0.5 means class 1); NaN for regression data
 * @param meanSquaredError mean over examples and outputs of (a − y)²
 * @param confusion confusion[label][predicted] counts, or null for regression data
 */
public record Evaluation(int examples, double cost, double accuracy, double meanSquaredError, int[][] confusion) {

    /** Copies the confusion matrix, so that the caller's array can change without changing this evaluation. */
    public Evaluation {
        confusion = copy(confusion);
    }

    /** @return confusion[label][predicted] counts (a copy), or null for regression data */
    @Override
    public int[][] confusion() {
        return copy(confusion);
    }

    /** @return how many examples were classified correctly */
    public int correct() {
        return (int) Math.round(accuracy * examples);
    }

    private static int[][] copy(int[][] m) {
        if (m == null) {
            return null;
        }
        int[][] c = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i] == null ? null : m[i].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation e && examples == e.examples && Double.compare(cost, e.cost) == 0
                && Double.compare(accuracy, e.accuracy) == 0 && Double.compare(meanSquaredError, e.meanSquaredError) == 0
                && Arrays.deepEquals(confusion, e.confusion);
    }

    @Override
    public int hashCode() {
        int h = Integer.hashCode(examples);
        h = 31 * h + Double.hashCode(cost);
        h = 31 * h + Double.hashCode(accuracy);
        h = 31 * h + Double.hashCode(meanSquaredError);
        return 31 * h + Arrays.deepHashCode(confusion);
    }

    @Override
    public String toString() {
        return "Evaluation[examples=" + examples + ", cost=" + cost + ", accuracy=" + accuracy + ", meanSquaredError="
                + meanSquaredError + ", confusion=" + Arrays.deepToString(confusion) + "]";
    }
}
