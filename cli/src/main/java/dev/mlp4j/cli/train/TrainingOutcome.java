package dev.mlp4j.cli.train;

import dev.mlp4j.cli.options.OptionWords;
import dev.mlp4j.cli.Interruption;
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

    /**
     * How the run ended: a cancelled run was stopped either by a write that failed or by a signal, and which it was
     * decides the exit code. {@code kept} says whether --save or a checkpoint keeps the parameters of a stopped run.
     */
    static TrainingOutcome of(TrainingResult result, KeptParameters keeper, OutputFailures failures, TrainingReport reporter,
                              CheckpointWriter checkpointWriter, boolean kept) {
        String interrupted = null;
        String stoppedByFailure = null;
        if (result.stop() == TrainingResult.StopReason.CANCELLED) {
            // A write that failed stops training as a signal does.
            if (failures.any() && !Interruption.signalled()) {
                stoppedByFailure = keeper.stopped(result, "stopped");
            } else {
                interrupted = keeper.interrupted(result, kept);
            }
        }
        return new TrainingOutcome(result, keeper, failures, reporter, checkpointWriter, interrupted, stoppedByFailure);
    }

    /** The line that says why training stopped. */
    String stopMessage() {
        return interrupted != null ? interrupted : stoppedByFailure != null ? stoppedByFailure : result.message(OptionWords.WORDS);
    }
}
