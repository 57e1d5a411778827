/**
 * A training run's checkpoint: what {@link dev.mlp4j.cli.train.checkpoint.CheckpointWriter} saves after every
 * epoch beside the model (the settings, the accuracies so far, which backends ran which epochs, the data's
 * identity), and the checks of those records when {@code train --resume} reads them back
 * ({@link dev.mlp4j.cli.train.checkpoint.CheckpointSettings}). Saving and loading the trainer's state is mlp4j-core's
 * {@code Checkpointer} and {@code CheckpointFile}, which carry these records in the checkpoint's context;
 * {@code dev.mlp4j.cli.train.Resumption} decides what a resumed run does with them.
 */
package dev.mlp4j.cli.train.checkpoint;
