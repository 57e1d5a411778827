package dev.mlp4j.cli.train;

import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.train.EpochResult;
import dev.mlp4j.core.train.TrainingListener;
import dev.mlp4j.core.train.TrainingResult;
import dev.mlp4j.core.train.TrainingState;

/**
 * What {@code train} keeps when the run ends, and which epoch it is from. The trainer's result, except where
 * training was cancelled in the middle of an epoch: the trainer then holds the parameters reached so far, which no
 * evaluation scored; the run keeps those after the last complete epoch instead, the ones the checkpoint holds and
 * whose scores were printed. When no epoch completed (a run that diverged or was stopped in its first), nothing
 * trained is there to keep, and nothing is saved.
 */
final class KeptParameters implements TrainingListener {
    private final boolean keepBest;
    private Parameters lastEpoch;
    private int epochInProgress;
    private int batchesDone;
    private int batches;

    /**
     * @param start    where training starts: a resumed run's last epoch is kept if it completes no other
     * @param keepBest whether the run keeps its best epoch (--patience) rather than its last; the trainer then
     *                 keeps it at an epoch's end whatever stops the run
     */
    KeptParameters(TrainingState start, boolean keepBest) {
        this.keepBest = keepBest;
        this.lastEpoch = start.epochsDone() > 0 ? start.parameters() : null;
    }

    @Override
    public void onTrainingStart(int epochs, int batchesPerEpoch) {
        batches = batchesPerEpoch;
    }

    @Override
    public boolean wantsState() {
        return !keepBest;
    }

    @Override
    public void onEpochState(TrainingState state) {
        lastEpoch = state.parameters();
    }

    @Override
    public void onEpochStart(int epoch) {
        epochInProgress = epoch;
        batchesDone = 0;
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batchesPerEpoch) {
        batchesDone = batch;
    }

    @Override
    public void onEpochEnd(EpochResult result) {
        epochInProgress = 0;
    }

    /** The epoch whose parameters the run keeps; null when no epoch completed, so nothing trained is kept. */
    EpochResult epoch(TrainingResult r) {
        if (r.history().isEmpty()) {
            return null;
        }
        return keepBest && r.best() != null ? r.best() : r.last();
    }

    /** The parameters of {@link #epoch}; where that is null, the trainer's (for the report's picture only). */
    Parameters parameters(TrainingResult r) {
        return r.stop() == TrainingResult.StopReason.CANCELLED && !keepBest && lastEpoch != null ? lastEpoch : r.parameters();
    }

    /**
     * The sentence for a run stopped by a signal: where it stopped and what it keeps; where nothing writes the kept
     * parameters ({@code written} false: neither --save nor --checkpoint), that they are lost and how to keep them.
     */
    String interrupted(TrainingResult r, boolean written) {
        EpochResult kept = epoch(r);
        if (written || kept == null) {
            return stopped(r, "interrupted");
        }
        return where(r, "interrupted") + "; the parameters after epoch " + kept.epoch() + " are lost, as the run had no"
                + " --save or --checkpoint (give --save FILE to keep the model, --checkpoint DIR to be able to resume).";
    }

    /** The same for a run stopped otherwise (a write that failed): "Training {how} after epoch 3; keeping ...". */
    String stopped(TrainingResult r, String how) {
        EpochResult kept = epoch(r);
        return where(r, how) + (kept == null ? ", before any epoch completed; there are no trained parameters to keep."
                : "; keeping the parameters after epoch " + kept.epoch() + ".");
    }

    private String where(TrainingResult r, String how) {
        return epochInProgress > 0
                ? "Training " + how + " in epoch " + epochInProgress + ", after " + batchesDone + " of its " + batches + " batches"
                : "Training " + how + " after epoch " + r.history().size();
    }
}
