package dev.mlp4j.core.train;

import dev.mlp4j.core.Fix;

/**
 * A rule that may end training after a completed epoch, asked once per epoch in the order the trainer holds them.
 * A new way to stop is a new policy, not a branch in the epoch loop; {@link EarlyStopping} is one.
 */
interface StopPolicy {

    /**
     * @param result the epoch just completed
     * @param best   the best epoch so far, this one included
     * @return why training stops here, or null to go on
     */
    Stop afterEpoch(EpochResult result, KeepBest best);

    /**
     * Why a run ends, and the sentence that tells the user, with any setting it names kept apart for each front end
     * to word; a null message is worded when the run ends.
     */
    record Stop(TrainingResult.StopReason reason, Fix message) {
        Stop(TrainingResult.StopReason reason, String sentence) {
            this(reason, Fix.of(sentence));
        }

        /** A stop whose sentence is worded when the run ends. */
        static Stop unworded(TrainingResult.StopReason reason) {
            return new Stop(reason, (Fix) null);
        }
    }
}
