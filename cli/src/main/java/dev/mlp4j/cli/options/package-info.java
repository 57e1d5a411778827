/**
 * The options several commands share, as picocli mixins ({@link dev.mlp4j.cli.options.DataChoice},
 * {@link dev.mlp4j.cli.options.NetworkOptions}, {@link dev.mlp4j.cli.options.BackendChoice},
 * {@link dev.mlp4j.cli.options.ProgressOption}, {@link dev.mlp4j.cli.options.CommonOptions}), the converter every
 * path goes through, the data sets' presets, and the checks that belong to the options rather than to one command:
 * that an output path can be written ({@link dev.mlp4j.cli.options.OutputPaths}) and that a network fits the data
 * ({@link dev.mlp4j.cli.options.NetworkFit}). The command packages use these; this package uses the root's errors,
 * {@code progress}, mlp4j-core and mlp4j-gpu, and no command.
 */
package dev.mlp4j.cli.options;
