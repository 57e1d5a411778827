package dev.mlp4j.core.train;

/**
 * Stops once {@code patience} epochs in a row have not beaten the best score: a better validation score, or a lower
 * training cost when there is no validation set.
 */
final class EarlyStopping implements StopPolicy {
    private final int patience;

    /** @param patience epochs without improvement to wait, at least 1 */
    EarlyStopping(int patience) {
        this.patience = patience;
    }

    @Override
    public Stop afterEpoch(EpochResult result, KeepBest best) {
        int epoch = result.epoch();
        if (epoch - best.epoch() < patience) {
            return null;
        }
        return new Stop(TrainingResult.StopReason.EARLY_STOPPED, "Stopped early after epoch " + epoch + ": no "
                + (result.validation() == null ? "lower training cost" : "better validation score")
                + " for " + patience + " epochs; keeping epoch " + best.epoch() + ".");
    }
}
