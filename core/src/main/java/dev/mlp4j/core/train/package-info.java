/**
 * Training: mini-batch SGD over epochs, Nielsen's {@code Network.SGD} with momentum, L2, dropout, learning-rate
 * schedules and early stopping. A {@link dev.mlp4j.core.train.Trainer} takes a
 * {@link dev.mlp4j.core.train.TrainingConfig}, a {@link dev.mlp4j.core.backend.Backend} and
 * {@link dev.mlp4j.core.train.TrainingData}, and returns a {@link dev.mlp4j.core.train.TrainingResult}; each run's
 * epoch loop is in {@code TrainingRun}, which asks small policies when to stop (divergence, early stopping) and which
 * parameters to keep (the best epoch's or the last). {@link dev.mlp4j.core.train.TrainingListener}s hear each epoch,
 * {@link dev.mlp4j.core.train.TrainingHandle} runs training on its own thread, and
 * {@link dev.mlp4j.core.train.TrainingState} is what a run needs to continue, which
 * {@link dev.mlp4j.core.train.checkpoint} writes to disk.
 *
 * <p>The arithmetic is the backend's; this package only orders it, so every backend trains the same way.
 */
package dev.mlp4j.core.train;
