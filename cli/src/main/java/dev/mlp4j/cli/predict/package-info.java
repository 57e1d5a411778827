/**
 * The {@code predict} command and the inputs it reads: picture files prepared as MNIST digits were
 * ({@link dev.mlp4j.cli.predict.ImageFiles}, {@link dev.mlp4j.cli.predict.DigitImage}), IDX image files and CSV rows,
 * each example a {@link dev.mlp4j.cli.predict.LabelledInput} that mlp4j-core's {@code Classifier} labels. Where
 * {@code eval} scores a whole data set, {@code predict} shows one line per example.
 */
package dev.mlp4j.cli.predict;
