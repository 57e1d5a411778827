/**
 * Progress on stderr while a command works: a live bar on a terminal, a line every few seconds in a log, nothing
 * when asked ({@link dev.mlp4j.cli.progress.ProgressDisplay}). Used by train, eval and download; stdout, and the
 * JSON line it ends with, never carries progress.
 */
package dev.mlp4j.cli.progress;
