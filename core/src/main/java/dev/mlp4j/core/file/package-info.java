/**
 * The one gate every reader of a user's file goes through: what a path really is ({@link dev.mlp4j.core.file.FileKind}:
 * a regular file, a folder, a FIFO, a device, a link to nothing or a loop of links), and reads that open only regular
 * files and stop at a bound counted in bytes read, whatever the file system says about the size
 * ({@link dev.mlp4j.core.file.InputFiles}). It depends on nothing in core but its exception, so {@code data} (IDX
 * files) and {@code io} (JSON, models, checkpoints) both use it without depending on each other.
 */
package dev.mlp4j.core.file;
