package dev.mlp4j.core.train;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.nn.Parameters;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Training running on a thread of its own, watched and stopped from others: what a UI or a server holds while a
 * network trains.
 */
public final class TrainingHandle {
    /** A consistent view of how far training has come; replaced whole, never half-updated. */
    public record Progress(int epoch, int batch, int batchesPerEpoch, int epochs, EpochResult lastEpoch) {
        public double fraction() {
            // Epoch 0 is the moment between the start and the first batch: nothing done yet, not -1/epochs.
            if (epochs == 0 || batchesPerEpoch == 0 || epoch == 0) {
                return 0;
            }
            return ((epoch - 1) + (double) batch / batchesPerEpoch) / epochs;
        }
    }

    private final Trainer trainer;
    private final CompletableFuture<TrainingResult> result = new CompletableFuture<>();
    private volatile Progress progress = new Progress(0, 0, 0, 0, null);

    private TrainingHandle(Trainer trainer) {
        this.trainer = trainer;
    }

    /** Starts training on a new daemon thread and returns at once. */
    public static TrainingHandle start(Trainer trainer, Backend backend, Parameters initial, TrainingData data) {
        TrainingHandle handle = new TrainingHandle(trainer);
        trainer.addListener(handle.new ProgressListener());
        Thread thread = new Thread(() -> {
            try {
                handle.result.complete(trainer.train(backend, initial, data));
            } catch (Throwable t) {
                handle.result.completeExceptionally(t);
            }
        }, "mlp4j-training");
        thread.setDaemon(true);
        thread.start();
        return handle;
    }

    public Progress progress() {
        return progress;
    }

    /** Asks training to stop after the current mini-batch; {@link #get} then returns a CANCELLED result. */
    public void cancel() {
        trainer.cancel();
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** Waits for the end of training. */
    public TrainingResult get() throws InterruptedException, ExecutionException {
        return result.get();
    }

    public TrainingResult get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return result.get(timeout, unit);
    }

    private final class ProgressListener implements TrainingListener {
        private int epochs;
        private int batches;

        @Override
        public void onTrainingStart(int epochs, int batchesPerEpoch) {
            this.epochs = epochs;
            this.batches = batchesPerEpoch;
            progress = new Progress(0, 0, batchesPerEpoch, epochs, null);
        }

        @Override
        public void onBatchEnd(int epoch, int batch, int batchesPerEpoch) {
            progress = new Progress(epoch, batch, batchesPerEpoch, epochs, progress.lastEpoch());
        }

        @Override
        public void onEpochEnd(EpochResult r) {
            progress = new Progress(r.epoch(), batches, batches, epochs, r);
        }
    }
}
