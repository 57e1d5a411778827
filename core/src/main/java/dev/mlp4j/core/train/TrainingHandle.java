package dev.mlp4j.core.train;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.nn.Parameters;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

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

    private final CompletableFuture<TrainingResult> result = new CompletableFuture<>();
    /** This run's own stop flag: handles sharing a trainer stop independently. */
    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile Progress progress = new Progress(0, 0, 0, 0, null);

    private TrainingHandle() {
    }

    /**
     * Starts training on a new daemon thread and returns at once. Arguments that cannot train (a backend for another
     * network, data that does not fit, nulls) are refused here, on the caller's thread, not later from {@link #get}.
     * The trainer's listeners hear this run; the handle's own progress listener hears this run alone.
     */
    public static TrainingHandle start(Trainer trainer, Backend backend, Parameters initial, TrainingData data) {
        if (trainer == null) {
            throw new InvalidInputException("The trainer is null; start needs a trainer, a backend, parameters and data.");
        }
        // fresh refuses null parameters, check the rest.
        TrainingState state = TrainingState.fresh(initial);
        trainer.check(backend, state, data);
        TrainingHandle handle = new TrainingHandle();
        Thread thread = new Thread(() -> {
            try {
                handle.result.complete(trainer.train(backend, state, data, handle.stop, handle.new ProgressListener()));
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

    /**
     * Asks this run to stop after the current mini-batch; {@link #get} then returns a CANCELLED result. Other runs of
     * the same trainer go on.
     */
    public void cancel() {
        stop.set(true);
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
