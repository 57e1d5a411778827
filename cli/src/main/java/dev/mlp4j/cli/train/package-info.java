/**
 * The {@code train} command: {@link dev.mlp4j.cli.train.TrainCommand} turns the options (or a checkpoint, through
 * {@link dev.mlp4j.cli.train.Resumption}) into {@link dev.mlp4j.cli.train.TrainSettings}, runs mlp4j-core's
 * {@code Trainer} with the epoch lines, progress, kept parameters, checkpoint and report as its listeners, and
 * ends the run ({@link dev.mlp4j.cli.train.TrainEnding}: the saved model, the last lines, the exit code).
 *
 * <p>{@code train.checkpoint} writes and reads what a resume needs; {@code train.output} checks, locks and guards
 * the files the run writes. Both serve this package only, and use its settings; the report pictures are the
 * shared {@code report} package's.
 */
package dev.mlp4j.cli.train;
