package dev.mlp4j.cli.predict;

/**
 * One example to classify and where it came from.
 *
 * @param source   e.g. "seven.png", "t10k-images-idx3-ubyte.gz#17", "digits.csv:3"
 * @param pixels   the network's input, values in [0, 1]
 * @param expected the label the source gives (a CSV row's first column, an IDX labels file), or null
 * @param note     something the user should know about this input (e.g. "blank image"), or null
 */
public record LabelledInput(String source, float[] pixels, Integer expected, String note) {
}
