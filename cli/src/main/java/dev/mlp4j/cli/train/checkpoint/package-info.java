/**
 * A training run's checkpoint: what {@link dev.mlp4j.cli.train.checkpoint.CheckpointWriter} saves after every
 * epoch beside the model (the settings, the accuracies so far, which backends ran which epochs, the data's
 * identity), and the checks of those records when {@code train --resume} reads them back
 * ({@link dev.mlp4j.cli.train.checkpoint.CheckpointSettings}). The file format itself is mlp4j-core's
 * {@code CheckpointFile}; {@code dev.mlp4j.cli.train.Resumption} decides what a resumed run does with the records.
 */
package dev.mlp4j.cli.train.checkpoint;
