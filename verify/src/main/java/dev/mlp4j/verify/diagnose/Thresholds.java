package dev.mlp4j.verify.diagnose;

import dev.mlp4j.core.InvalidInputException;

/**
 * Where a measurement becomes a finding. The defaults leave a network initialised as Nielsen's
 * default_weight_initializer does (N(0, 1/fan_in)) on MNIST scaled to [0, 1] with η = 0.5 clean, and flag the
 * usual ways a hand-written net fails to learn; docs/verify.md shows both on MNIST.
 *
 * <p>A threshold of infinity (an upper bound) or 0 (a lower bound) turns its finding off; NaN is refused, since it
 * would turn the finding off without saying so.
 *
 * @param inputMax       largest input that still counts as scaled: pixels in [0, 1] with some room
 * @param saturated      share of saturated (unit, example) pairs in a hidden layer that is a finding
 * @param dead           share of relu units never active that is a finding
 * @param vanishing      ‖δ‖ of the first hidden layer over the output layer's ({@link LayerStatistics#deltaNorm()},
 *                       over all of a layer's units, so free of the widths) below which the gradient vanishes
 * @param exploding      the same ratio above which it explodes
 * @param updateTooLarge update ratio η‖∇w‖/‖w‖ above which one step changes the weights too much
 * @param updateTooSmall update ratio below which the weights barely move
 */
public record Thresholds(double inputMax, double saturated, double dead, double vanishing, double exploding,
                         double updateTooLarge, double updateTooSmall) {

    /**
     * The update ratios are measured at initialisation, where the output layer's small weights make them large:
     * 784-30-10 with cross-entropy at η = 0.5, which learns well, has 0.75 in its output layer; trained with batches
     * of 10 it reaches 95 % in two epochs at η = 0.5, 87 % at η = 5 (ratio 7.5), and diverges at η = 20.
     *
     * <p>The vanishing bound is (1/4)⁴ = 1/256: δ shrank more than four sigmoid layers at their steepest
     * (σ'(0) = 1/4) would shrink it. Measured on MNIST and the circle problem (seeds 1-4, widths 30 and 100), each
     * sigmoid hidden layer at normal-scaled passes on 0.18-0.22 of δ: with 1 hidden layer layer 1's ‖δ‖ is 0.19 of the
     * output layer's, 2 about 0.04, 3 0.006-0.011, 4 0.0009-0.0021, 5 under 0.0005; at xavier (z near 0, so σ' near
     * 1/4) 3 give 0.013-0.023, 4 0.0024-0.0063 (either side of the bound, as (1/4)⁴ is), 5 under 0.0013. So up to
     * three sigmoid hidden layers are clean at either initialisation and four or more at normal-scaled are found;
     * 1/100 would have split three layers at normal-scaled by the seed.
     */
    public static final Thresholds DEFAULT = new Thresholds(1.5, 0.10, 0.10, 1.0 / 256, 1e2, 3, 1e-4);

    /** Refuses thresholds that would hide findings without saying so, or flag every network. */
    public Thresholds {
        require("inputMax", inputMax, inputMax > 0, "above 0");
        require("saturated", saturated, saturated >= 0 && saturated <= 1, "a share from 0 to 1");
        require("dead", dead, dead >= 0 && dead <= 1, "a share from 0 to 1");
        require("exploding", exploding, exploding > 0, "above 0");
        require("vanishing", vanishing, vanishing >= 0 && vanishing < exploding, "0 or more and below exploding (" + exploding + ")");
        require("updateTooLarge", updateTooLarge, updateTooLarge > 0, "above 0");
        require("updateTooSmall", updateTooSmall, updateTooSmall >= 0 && updateTooSmall < updateTooLarge,
                "0 or more and below updateTooLarge (" + updateTooLarge + ")");
    }

    private static void require(String name, double value, boolean valid, String range) {
        // NaN fails every comparison above, so it lands here too.
        if (!valid) {
            throw new InvalidInputException("The diagnosis threshold " + name + " is " + value + "; give " + range
                    + " (Thresholds.DEFAULT holds the usual ones).");
        }
    }
}
