/**
 * The {@code mlp4j} command line: {@link dev.mlp4j.cli.Main} dispatches to one command class per subcommand and
 * owns what every command shares at the end of a run — the exit codes ({@link dev.mlp4j.cli.ExitCodes}), the one
 * sentence an error is reported as ({@link dev.mlp4j.cli.ErrorReporter}, {@link dev.mlp4j.cli.UsageException}), the
 * JSON object --json ends stdout with ({@link dev.mlp4j.cli.JsonOutput}) and what a signal does
 * ({@link dev.mlp4j.cli.Interruption}).
 *
 * <p>The commands live in packages by what they serve: {@code train} (with its checkpoint and output parts),
 * {@code eval}, {@code predict}, {@code check} (gradcheck, verify, diagnose), {@code device} (devices, bench) and
 * {@code download}. The options several commands take are in {@code options}; {@code progress} and {@code report}
 * are the progress display and the report folder that train, eval and download use. Packages depend on this root
 * and on {@code options}, never on each other's commands; the training itself, the data and the backends are
 * mlp4j-core's and mlp4j-gpu's.
 */
package dev.mlp4j.cli;
