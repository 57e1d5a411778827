package dev.mlp4j.cli.train;

import dev.mlp4j.cli.train.checkpoint.BackendHistory;
import dev.mlp4j.cli.train.checkpoint.DataIdentity;
import dev.mlp4j.core.train.TrainingState;

import java.nio.file.Path;

/**
 * Where a training run starts: from freshly drawn parameters, or from a checkpoint.
 *
 * @param resumedFrom the checkpoint folder, or null for a fresh run
 * @param backend     the backend the checkpointed run trained on, or null: a resume uses it unless told otherwise,
 *                    since only the same arithmetic ends on the same bits
 * @param backends    which backend ran which of the epochs done
 * @param data        the data the checkpointed run trained on, or null (a fresh run, or a checkpoint that predates it)
 */
record RunStart(TrainSettings settings, TrainingState state, TrainingAccuracies accuracies, Path resumedFrom, String backend,
                BackendHistory backends, DataIdentity data) {
}
