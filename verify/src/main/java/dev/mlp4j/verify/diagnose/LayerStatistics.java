package dev.mlp4j.verify.diagnose;

import dev.mlp4j.core.nn.Activation;

/**
 * What one layer did over the diagnosed batches, without training: its pre-activations z, how many of its units
 * sat where σ' is nearly zero, its gradient, how the backward signal δ changed on its way through, and how large
 * one step at the given learning rate would be.
 *
 * <p>The backward signal's size is {@code deltaNorm}: per example the Euclidean norm of the layer's δ over all its
 * units, ‖δ‖₂, then the root mean square over the examples. It is a norm over the layer, not a per-unit RMS,
 * because only the norm is free of the layers' widths: passing δ down through weights drawn with variance
 * 1/fan_in (normal-scaled) keeps its norm in expectation, E‖Wᵀδ‖² = fan_in · (1/fan_in) · ‖δ‖², whatever the two
 * widths, while the per-unit RMS shrinks by √(units above / units here) on the way: 1000 hidden units under one
 * output unit made a per-unit δ √1000 ≈ 32 times smaller with nothing wrong. Taken per example, not of the batch
 * mean, it is also free of how the examples' δ cancel in the mean.
 *
 * <p>The ratio to the layer above is split exactly into two factors: {@code weightsGain} of the layer above (how
 * much its weights grow or shrink δ: ‖Wᵀδ‖/‖δ‖, about 1 for weights of standard deviation 1/√fan_in) and this
 * layer's {@code slopeFactor} (how much of that its units' slopes f'(z) let through: at most 1/4 for a sigmoid,
 * near 0 for saturated units, the active share's square root for relu).
 *
 * @param layer              1 … L: the layer after weights[layer-1]
 * @param saturatedFraction  share of (unit, example) pairs in a sigmoid's |z| &gt; 4 or a tanh's |z| &gt; 2, where σ'
 *                           has fallen to 7 % of its peak; NaN for other activations
 * @param deadFraction       share of relu units with z ≤ 0 on every example; NaN for other activations
 * @param weightGradientNorm ‖∂C/∂w‖ (Frobenius) of the batch mean, averaged over the batches
 * @param deltaRms           root mean square of ∂C/∂b = the batch-mean δ per unit, averaged over the batches
 * @param deltaNorm          the root mean square over the examples of ‖δ‖₂ over the layer's units
 * @param gradientRatio      deltaNorm over that of the layer above it: slopeFactor · the layer above's
 *                           weightsGain; NaN for the output layer
 * @param slopeFactor        ‖δ‖ over ‖Wᵀδ‖ of the layer above (RMS over the examples); NaN for the output layer
 * @param weightsGain        ‖Wᵀδ‖/‖δ‖ for this layer's weights W and δ (RMS over the examples): how they scale δ on
 *                           its way to the layer below; NaN for layer 1, whose δ goes nowhere
 * @param weightNorm         ‖w‖ (Frobenius)
 * @param updateRatio        η‖∂C/∂w‖ / ‖w‖: the share by which one step would change the weights
 */
public record LayerStatistics(int layer, Activation activation, int units, double preActivationMean, double preActivationStd,
                              double saturatedFraction, double deadFraction, double weightGradientNorm, double deltaRms,
                              double deltaNorm, double gradientRatio, double slopeFactor, double weightsGain,
                              double weightNorm, double updateRatio) {
}
