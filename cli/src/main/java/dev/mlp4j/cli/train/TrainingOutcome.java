package dev.mlp4j.cli.train;

import dev.mlp4j.cli.train.checkpoint.CheckpointWriter;
import dev.mlp4j.cli.train.output.OutputFailures;
import dev.mlp4j.core.train.TrainingResult;

/**
 * What a training run ended with, and the writers that ran alongside it.
 *
 * @param interrupted      the message of a run a signal stopped, or null
 * @param stoppedByFailure the message of a run a failed write stopped, or null
 * @param reporter         the report writer, or null without --report
 * @param checkpointWriter the checkpoint writer, or null without a checkpoint folder
 */
record TrainingOutcome(TrainingResult result, KeptParameters keeper, OutputFailures failures, TrainingReport reporter,
                       CheckpointWriter checkpointWriter, String interrupted, String stoppedByFailure) {

    /** The line that says why training stopped. */
    String stopMessage() {
        return interrupted != null ? interrupted : stoppedByFailure != null ? stoppedByFailure : result.message();
    }
}
