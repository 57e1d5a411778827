package dev.mlp4j.core.train;

/**
 * What one epoch did.
 *
 * @param epoch           1-based
 * @param learningRate    η used in this epoch
 * @param trainingCost    mean cost of the training examples as they were seen in this epoch (before each step)
 * @param validation      evaluation on the validation set after the epoch, or null without one
 * @param test            evaluation on the test set after the epoch, or null without one
 * @param trainingSeconds time spent in SGD steps, excluding evaluation
 * @param examplesPerSecond training examples per second of trainingSeconds
 */
public record EpochResult(int epoch, double learningRate, double trainingCost, Evaluation validation, Evaluation test,
                          double trainingSeconds, double examplesPerSecond) {

    /** The figure early stopping and "best" refer to: validation accuracy, else validation cost, else training cost. */
    public double score() {
        if (validation != null) {
            return Double.isNaN(validation.accuracy()) ? -validation.cost() : validation.accuracy();
        }
        return -trainingCost;
    }
}
