/**
 * Whether a network can learn as it stands: {@link dev.mlp4j.verify.diagnose.NetworkDiagnosis} runs it forward and
 * backward over a few batches without training and measures per layer how the pre-activations spread, how many units
 * saturate or die, how the gradient's size changes between layers and how far one step would move the weights;
 * {@link dev.mlp4j.verify.diagnose.Thresholds} decide which measurements become
 * {@link dev.mlp4j.verify.diagnose.Finding}s, each with one line of advice. The gradient is core's; the
 * pre-activations come from {@code reference}'s tracer. Like verify it explains a network rather than being part of
 * one, so it lives here and not in core; the network may be a new one, a saved model or a verify file's.
 */
package dev.mlp4j.verify.diagnose;
