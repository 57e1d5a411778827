package dev.mlp4j.core.train;

/**
 * How well a network does on a data set.
 *
 * @param examples  number of examples
 * @param cost      mean cost per example (no L2 term)
 * @param accuracy  fraction classified correctly (argmax of the output equals the label; for a single output unit,
 *                  output ≥ 0.5 means class 1); NaN for regression data
 * @param meanSquaredError mean over examples and outputs of (a − y)²
 * @param confusion confusion[label][predicted] counts, or null for regression data
 */
public record Evaluation(int examples, double cost, double accuracy, double meanSquaredError, int[][] confusion) {

    public int correct() {
        return (int) Math.round(accuracy * examples);
    }
}
