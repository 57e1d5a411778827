/**
 * The report folder that {@code train --report} and {@code eval --report} write: index.html with the training
 * curves, the confusion matrix, the first layer's weights, the network and the most confidently wrong test images,
 * plus metrics.csv ({@link dev.mlp4j.cli.report.ReportWriter}). Every file is replaced atomically. It knows nothing
 * of the commands: they hand it a {@link dev.mlp4j.cli.report.ReportInput}; it uses only {@code progress} and
 * mlp4j-core.
 */
package dev.mlp4j.cli.report;
