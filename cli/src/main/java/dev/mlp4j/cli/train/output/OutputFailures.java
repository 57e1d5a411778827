package dev.mlp4j.cli.train.output;

import dev.mlp4j.cli.options.OptionWords;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.train.EpochResult;
import dev.mlp4j.core.train.TrainingListener;
import dev.mlp4j.core.train.TrainingResult;
import dev.mlp4j.core.train.TrainingState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Writes of train's outputs that failed (report, checkpoint, --save). A write that fails while training stops the
 * run as a cancellation does, after the epoch it failed in, so the epochs already trained are kept and written
 * where they still can be, instead of the whole run ending with the exception. The writer that failed is not
 * tried again.
 */
public final class OutputFailures {
    private final Runnable stopTraining;
    private final List<String> messages = new ArrayList<>();
    private final Set<Object> failed = Collections.newSetFromMap(new IdentityHashMap<>());

    public OutputFailures(Runnable stopTraining) {
        this.stopTraining = stopTraining;
    }

    /** {@code writer}, except that a write it fails is recorded and stops training rather than ending the run. */
    public TrainingListener guard(TrainingListener writer) {
        return new TrainingListener() {
            @Override
            public void onTrainingStart(int epochs, int batchesPerEpoch) {
                attempt(writer, () -> writer.onTrainingStart(epochs, batchesPerEpoch));
            }

            @Override
            public void onEpochStart(int epoch) {
                attempt(writer, () -> writer.onEpochStart(epoch));
            }

            @Override
            public void onBatchEnd(int epoch, int batch, int batchesPerEpoch) {
                attempt(writer, () -> writer.onBatchEnd(epoch, batch, batchesPerEpoch));
            }

            @Override
            public void onEpochEnd(EpochResult result) {
                attempt(writer, () -> writer.onEpochEnd(result));
            }

            @Override
            public boolean wantsState() {
                return writer.wantsState();
            }

            @Override
            public void onEpochState(TrainingState state) {
                attempt(writer, () -> writer.onEpochState(state));
            }

            @Override
            public void onTrainingEnd(TrainingResult result) {
                attempt(writer, () -> writer.onTrainingEnd(result));
            }
        };
    }

    /** Runs one write of {@code writer}'s unless an earlier one failed; a failure is recorded and stops training. */
    public void attempt(Object writer, Runnable write) {
        if (failed.contains(writer)) {
            return;
        }
        try {
            write.run();
        } catch (InvalidInputException e) {
            failed.add(writer);
            messages.add(OptionWords.sentence(e));
            stopTraining.run();
        }
    }

    public boolean failed(Object writer) {
        return failed.contains(writer);
    }

    public boolean any() {
        return !messages.isEmpty();
    }

    /** What failed, one sentence each, in the order it failed. */
    public String describe() {
        return String.join(" ", messages);
    }
}
