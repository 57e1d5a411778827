/**
 * Files: trained models as JSON ({@link dev.mlp4j.core.io.ModelFile}, format in docs/model-format.md), the strict JSON
 * reader and writer they use, with errors that name the file and the field, reading through
 * {@link dev.mlp4j.core.file}'s gate (a regular file only, read within a bound); and
 * {@link dev.mlp4j.core.io.AtomicFiles}, which writes any file so that a crash leaves the old one or the new one,
 * never a torn mix. It knows {@link dev.mlp4j.core.nn}'s types and nothing of training; checkpoints
 * ({@link dev.mlp4j.core.train.checkpoint}) build on its pieces.
 */
package dev.mlp4j.core.io;
