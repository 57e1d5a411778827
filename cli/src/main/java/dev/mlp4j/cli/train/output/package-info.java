/**
 * The files a training run writes (--save, --report, --checkpoint), checked and locked before it trains
 * ({@link dev.mlp4j.cli.train.output.RunOutputs}): no two options of a run, and no two runs at once, write the same
 * file, and a write that fails during training stops the run without losing what it keeps
 * ({@link dev.mlp4j.cli.train.output.OutputFailures}). Used by the {@code train} package only.
 */
package dev.mlp4j.cli.train.output;
