package dev.mlp4j.cli.train;

import dev.mlp4j.cli.progress.Progress;
import dev.mlp4j.cli.progress.ProgressDisplay;
import dev.mlp4j.core.train.EpochResult;
import dev.mlp4j.core.train.TrainingListener;
import dev.mlp4j.core.train.TrainingResult;

/** One progress display per epoch, counting training examples, then saying when the epoch is being scored. */
final class TrainingProgress implements TrainingListener {
    private final ProgressDisplay display;
    private final int examples;
    private final int batchSize;
    private int epochs;
    private Progress current = Progress.none();
    private long shown;

    TrainingProgress(ProgressDisplay display, int examples, int batchSize) {
        this.display = display;
        this.examples = examples;
        this.batchSize = Math.min(batchSize, examples);
    }

    @Override
    public void onTrainingStart(int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
    }

    @Override
    public void onEpochStart(int epoch) {
        current = display.start("epoch " + epoch + "/" + epochs, examples, "examples");
        shown = 0;
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batchesPerEpoch) {
        long done = Math.min(examples, (long) batch * batchSize);
        current.advance(done - shown);
        shown = done;
        if (batch == batchesPerEpoch) {
            current.note("scoring");
        }
    }

    @Override
    public void onEpochEnd(EpochResult result) {
        finish();
    }

    @Override
    public void onTrainingEnd(TrainingResult result) {
        finish();
    }

    private void finish() {
        current.close();
        current = Progress.none();
    }
}
