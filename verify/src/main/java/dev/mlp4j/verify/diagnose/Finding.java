package dev.mlp4j.verify.diagnose;

/**
 * One thing diagnose found wrong with a network on its data.
 *
 * @param layer  the layer it concerns: 0 for the input, 1 … L for the layers after it (L the output)
 * @param kind   what it is
 * @param value  the number behind it (a fraction, a ratio, a largest input)
 * @param advice one line: what was seen, with its number, and what to change
 */
public record Finding(int layer, FindingKind kind, double value, String advice) {
}
