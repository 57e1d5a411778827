package dev.mlp4j.core.diagnose;

import dev.mlp4j.core.nn.Activation;

/**
 * What one layer did over the diagnosed batches, without training: its pre-activations z, how many of its units
 * sat where σ' is nearly zero, its gradient, and how large one step at the given learning rate would be.
 *
 * @param layer              1 … L: the layer after weights[layer-1]
 * @param saturatedFraction  share of (unit, example) pairs in a sigmoid's |z| > 4 or a tanh's |z| > 2, where σ'
 *                           has fallen to 7 % of its peak; NaN for other activations
 * @param deadFraction       share of relu units with z ≤ 0 on every example; NaN for other activations
 * @param weightGradientNorm ‖∂C/∂w‖ (Frobenius) of the batch mean, averaged over the batches
 * @param deltaRms           root mean square of ∂C/∂b = the batch-mean δ per unit, averaged over the batches:
 *                           the backward signal's size, free of the inputs' sparsity
 * @param gradientRatio      deltaRms over that of the layer above it; NaN for the output layer
 * @param weightNorm         ‖w‖ (Frobenius)
 * @param updateRatio        η‖∂C/∂w‖ / ‖w‖: the share by which one step would change the weights
 */
public record LayerStatistics(int layer, Activation activation, int units, double preActivationMean, double preActivationStd,
                              double saturatedFraction, double deadFraction, double weightGradientNorm, double deltaRms,
                              double gradientRatio, double weightNorm, double updateRatio) {
}
