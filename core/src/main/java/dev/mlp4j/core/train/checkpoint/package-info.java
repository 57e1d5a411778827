/**
 * Checkpoints: a run's {@link dev.mlp4j.core.train.TrainingState} after an epoch, with what the caller needs to start
 * the same run again, saved atomically as one JSON file ({@link dev.mlp4j.core.train.checkpoint.CheckpointFile}) so that
 * a resumed run ends exactly as an uninterrupted one. {@link dev.mlp4j.core.train.checkpoint.Checkpointer}, a
 * training listener, writes one after every epoch and reads it back to resume. The file format, documented in
 * docs/model-format.md, shares its network and parameter layout with model files ({@link dev.mlp4j.core.io}).
 */
package dev.mlp4j.core.train.checkpoint;
