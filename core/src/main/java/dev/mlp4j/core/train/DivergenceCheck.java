package dev.mlp4j.core.train;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.nn.Parameters;

/**
 * Notices a run whose cost or parameters stopped being finite. Where the backend reads its cost for free
 * ({@link dev.mlp4j.core.backend.BackendCapabilities#freeCostReads()}) the cost is read after every mini-batch, so
 * a run that diverges stops in that batch; elsewhere reading it would wait for the device, so it is read once per
 * epoch. Reading per batch adds the same numbers in the same order: the epoch's cost is bit for bit the same.
 */
final class DivergenceCheck {
    private final Backend backend;
    private final boolean eachBatch;

    DivergenceCheck(Backend backend) {
        this.backend = backend;
        this.eachBatch = backend.capabilities().freeCostReads();
    }

    /**
     * Whether the epoch that ends with {@code cost} diverged: its cost, or any of the parameters it reached
     * ({@code after}, null when the cost already said so), is not finite.
     */
    static boolean diverged(double cost, Parameters after) {
        return !Double.isFinite(cost) || after.firstNonFinite() != null;
    }

    /** A fresh sum for the cost of one epoch's examples. */
    EpochCost startEpoch() {
        return new EpochCost();
    }

    /** The running cost of one epoch, read from the backend as often as it is cheap to. */
    final class EpochCost {
        private double sum;
        /** 1-based batch whose cost was not finite, 0 when none was seen. */
        private int divergedBatch;

        private EpochCost() {
        }

        /**
         * After the step on 1-based {@code batch}: reads its cost where that is free.
         *
         * @return false when that cost is not finite, so the epoch should stop here
         */
        boolean afterBatch(int batch) {
            if (!eachBatch) {
                return true;
            }
            double batchCost = backend.drainCostSum();
            sum += batchCost;
            if (!Double.isFinite(batchCost)) {
                divergedBatch = batch;
                return false;
            }
            return true;
        }

        /**
         * The mean cost of the {@code examples} trained this epoch. Read before the clock stops: a device backend
         * queues its steps, and reading the cost waits for them.
         */
        double mean(int examples) {
            return (sum + backend.drainCostSum()) / Math.max(1, examples);
        }

        /** The sentence for a run that diverged in {@code epoch} of this cost, {@code mean}, at learning rate {@code eta}. */
        String divergedMessage(int epoch, int batches, double mean, double eta) {
            return "Training diverged in epoch " + epoch + (divergedBatch > 0 ? ", batch " + divergedBatch + " of " + batches : "")
                    + " (the cost became " + mean
                    + "); the parameters from before that epoch are kept. Try a smaller learning rate than " + eta + ".";
        }
    }
}
