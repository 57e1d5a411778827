package dev.mlp4j.core.train;

/**
 * Told what training does, in order: start, then for each epoch start, batches, end; then end. All methods run on
 * the training thread, so they must be quick; a listener that throws stops training with that exception.
 */
public interface TrainingListener {

    default void onTrainingStart(int epochs, int batchesPerEpoch) {
    }

    default void onEpochStart(int epoch) {
    }

    /** After every mini-batch step; {@code batch} is 1-based within the epoch. */
    default void onBatchEnd(int epoch, int batch, int batchesPerEpoch) {
    }

    default void onEpochEnd(EpochResult result) {
    }

    default void onTrainingEnd(TrainingResult result) {
    }

    /** Whether {@link #onEpochState} should be called; copying the state off a device costs time, so only on request. */
    default boolean wantsState() {
        return false;
    }

    /** After each epoch, the whole state needed to resume from it (for checkpoints). */
    default void onEpochState(TrainingState state) {
    }
}
