package dev.mlp4j.verify.diagnose;

import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.OutputPairing;
import dev.mlp4j.core.nn.WeightInit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** Turns diagnose's measurements into findings, each with one line of advice that carries its number. */
final class Findings {
    private Findings() {
    }

    /**
     * Fewer examples than this cannot tell a dead relu from one that was inactive on those few: a unit active on a
     * fifth of the inputs is inactive on all of 5 examples one time in three, on all of 100 almost never.
     */
    static final int FEW_EXAMPLES = 100;
    /**
     * A layer's weights pass δ on to the layer below times their gain ‖Wᵀδ‖/‖δ‖, about 1 for weights of standard
     * deviation 1/√fan_in; below this they are named as small when the gradient vanishes, above the large one as
     * large when it explodes.
     */
    static final double SMALL_GAIN = 0.5;
    static final double LARGE_GAIN = 2;

    /** @param origin where the weights came from, which decides what the advice can tell the user to change */
    static List<Finding> of(DiagnoseReport r, boolean finite, Thresholds t, WeightsOrigin origin) {
        List<Finding> out = new ArrayList<>();
        NetworkSpec spec = r.spec();
        List<LayerStatistics> layers = r.layers();
        if (!finite) {
            // The forward pass carries a NaN up from where it enters, the backward pass down: the first layer with
            // a bad z, or else the highest with a bad gradient, is where to look.
            int layer = layers.stream().filter(s -> !Double.isFinite(s.preActivationStd()))
                    .mapToInt(LayerStatistics::layer).findFirst()
                    .orElse(layers.stream().filter(s -> !Double.isFinite(s.weightGradientNorm()) || !Double.isFinite(s.deltaRms()))
                            .mapToInt(LayerStatistics::layer).max().orElse(1));
            out.add(new Finding(layer, FindingKind.NOT_FINITE, Double.NaN, "layer " + layer + ": NaN or infinite values in the "
                    + "forward or backward pass; look for NaN in the weights or inputs, or weights grown far too large."));
            return out;
        }
        double inputSize = Math.max(Math.abs(r.inputMax()), Math.abs(r.inputMin()));
        boolean unscaled = inputSize > t.inputMax();
        if (unscaled) {
            out.add(new Finding(0, FindingKind.INPUT_NOT_SCALED, inputSize, "inputs: largest value " + number(inputSize)
                    + " (mean " + number(r.inputMean()) + "); scale them to [0, 1] (divide pixels by 255) before they reach "
                    + "the network, or every unit of layer 1 starts saturated or exploding."));
        }
        int last = layers.size();
        for (LayerStatistics s : layers) {
            boolean output = s.layer() == last;
            int fanIn = spec.size(s.layer() - 1);
            String where = "layer " + s.layer() + (output ? " (output)" : "") + ": ";
            String over = " over " + r.examples() + " examples";
            if (s.saturatedFraction() > t.saturated() && (!output || OutputPairing.of(spec.output(), spec.cost()).aMinusYTimesSlope())) {
                out.add(saturated(s, output, fanIn, where, over, unscaled, origin));
            }
            if (s.deadFraction() > t.dead()) {
                out.add(dead(s, fanIn, where, over, r.examples(), origin));
            }
        }
        gradientFlow(r, t, out, origin, unscaled);
        updateFindings(r, t, out);
        return out;
    }

    /** The finding for a layer whose units saturate, with the fix that fits where its weights came from. */
    private static Finding saturated(LayerStatistics s, boolean output, int fanIn, String where, String over, boolean unscaled,
                                     WeightsOrigin origin) {
        String limit = s.activation() == Activation.TANH ? "2" : "4";
        // Only layer 1 sees the data; deeper layers' inputs are the previous layer's outputs. Scaling is
        // advised only for inputs the input-not-scaled finding flags.
        boolean scaleInputs = s.layer() == 1 && unscaled;
        String fix = output
                ? "with the quadratic cost a saturated output learns slowly, because its δ carries σ'(z): use the "
                  + "cross-entropy cost" + (origin.trained() ? " when training it further"
                  : origin.uses(WeightInit.NORMAL_SCALED) ? "" : ", or " + scaledWeights(fanIn, origin, "smaller initial weights"))
                : origin.trained()
                ? "the trained weights have grown large for the layer's inputs: train with --l2 to keep them small"
                  + (scaleInputs ? " and scale the inputs" : "")
                : origin.uses(WeightInit.NORMAL_SCALED)
                // The weights give z a variance of at most the inputs' mean square (≤ 1 for inputs in [0, 1]
                // or a sigmoid's or tanh's outputs); normal-scaled's N(0, 1) biases add 1 more.
                ? (scaleInputs ? "scale the inputs; the weights already have standard deviation 1/√" + fanIn + " (--init normal-scaled)"
                  : "the weights already have standard deviation 1/√" + fanIn + " (--init normal-scaled), and the biases "
                    + "are drawn N(0, 1): use --init xavier, whose biases start at 0")
                : scaledWeights(fanIn, origin, "use weights") + (scaleInputs ? " and scale the inputs" : "");
        return new Finding(s.layer(), FindingKind.SATURATED, s.saturatedFraction(), where
                + Percent.share(s.saturatedFraction()) + " of " + s.activation() + " units saturated (|z| > " + limit + ")"
                + over + " (pre-activation std " + number(s.preActivationStd()) + "); " + fix + ".");
    }

    /** The finding for relu units never active on the examples, with a warning when those are too few to tell. */
    private static Finding dead(LayerStatistics s, int fanIn, String where, String over, int examples, WeightsOrigin origin) {
        String seen = where + Percent.share(s.deadFraction()) + " of relu units never active" + over
                + " (pre-activation mean " + number(s.preActivationMean()) + ", std " + number(s.preActivationStd()) + ")";
        return new Finding(s.layer(), FindingKind.DEAD_RELU, s.deadFraction(), examples < FEW_EXAMPLES
                ? seen + ", but this rests on only " + examples + " example" + (examples == 1 ? "" : "s")
                  + ": a unit inactive on them may be active on others; run diagnose on " + FEW_EXAMPLES + " or more ("
                  + (origin.handWritten() ? "more examples in the verify file, or --data or --example" : "--batches, --batch")
                  + ") before taking these units for dead."
                : seen + "; a dead relu never learns again: " + deadFix(fanIn, origin));
    }

    /** How far one step would move each layer's weights, where that is too far or too little; after the other findings. */
    private static void updateFindings(DiagnoseReport r, Thresholds t, List<Finding> out) {
        // Findings that can make a layer's gradient small, for the update-too-small advice to point to.
        boolean causes = !out.isEmpty();
        for (LayerStatistics s : r.layers()) {
            if (s.weightNorm() == 0 || !Double.isFinite(s.updateRatio())) {
                continue;
            }
            String step = "layer " + s.layer() + ": one step at η = " + number(r.learningRate()) + " would change the weights by ";
            if (s.updateRatio() > t.updateTooLarge()) {
                // The ratio is linear in η, so the η that brings it to the threshold is exact.
                double eta = r.learningRate() * t.updateTooLarge() / s.updateRatio();
                out.add(new Finding(s.layer(), FindingKind.UPDATE_TOO_LARGE, s.updateRatio(), step + percent(s.updateRatio())
                        + " of their size (η‖∇w‖/‖w‖ = " + number(s.updateRatio()) + "); lower the learning rate below "
                        + number(eta) + ", where this falls to " + number(t.updateTooLarge()) + ", or training will jump "
                        + "about or diverge."));
            } else if (s.updateRatio() < t.updateTooSmall()) {
                out.add(new Finding(s.layer(), FindingKind.UPDATE_TOO_SMALL, s.updateRatio(), step + "a fraction "
                        + number(s.updateRatio()) + " of their size (η‖∇w‖/‖w‖); the layer barely learns: raise the "
                        + "learning rate" + (causes ? ", or remove what makes its gradient small (see the other findings)" : "") + "."));
            }
        }
    }

    /**
     * Weights of standard deviation 1/√fan_in, said as fits where they came from: {@code verb} and mlp4j's option for
     * a new network, how to draw them for a hand-written one (naming mlp4j's scheme only as the equivalent).
     */
    private static String scaledWeights(int fanIn, WeightsOrigin origin, String verb) {
        String sd = "standard deviation 1/√" + fanIn + " = " + number(1 / Math.sqrt(fanIn));
        return origin.handWritten()
                ? "draw the weights with " + sd + " (mlp4j's --init normal-scaled)"
                : verb + " with " + sd + " (--init normal-scaled)";
    }

    private static String deadFix(int fanIn, WeightsOrigin origin) {
        if (origin.trained()) {
            return "train with a lower learning rate.";
        }
        if (origin.handWritten()) {
            return "draw the weights with standard deviation √(2/" + fanIn + ") = " + number(Math.sqrt(2.0 / fanIn))
                    + " (He initialisation, mlp4j's --init he), start the biases small and positive (e.g. 0.01), or lower the "
                    + "learning rate.";
        }
        return origin.uses(WeightInit.HE)
                ? "start the biases small and positive (e.g. 0.01) rather than at 0, or lower the learning rate."
                : "use He initialisation (--init he), small positive biases, or a lower learning rate.";
    }

    /**
     * The backward signal's size in the first hidden layer against the output layer's, both as ‖δ‖₂ over the layer's
     * units (see {@link LayerStatistics}): a measure of depth, free of the layers' widths.
     */
    private static void gradientFlow(DiagnoseReport r, Thresholds t, List<Finding> out, WeightsOrigin origin, boolean unscaled) {
        List<LayerStatistics> layers = r.layers();
        if (layers.size() < 2) {
            return;
        }
        LayerStatistics first = layers.get(0);
        LayerStatistics output = layers.get(layers.size() - 1);
        if (!(output.deltaNorm() > 0)) {
            return;
        }
        double ratio = first.deltaNorm() / output.deltaNorm();
        List<LayerStatistics> hidden = layers.subList(0, layers.size() - 1);
        String seen = "layer 1: its δ is " + number(ratio) + " times the output layer's (‖δ‖ per example "
                + number(first.deltaNorm()) + " vs " + number(output.deltaNorm()) + "; layer to layer "
                + numbers(hidden, LayerStatistics::gradientRatio) + ")";
        if (ratio < t.vanishing()) {
            out.add(new Finding(1, FindingKind.VANISHING_GRADIENT, ratio, seen + ": the gradient vanishes on its way back, so "
                    + "the first layers barely learn; " + vanishingCauses(r, t, origin, unscaled) + "."));
        } else if (ratio > t.exploding()) {
            List<LayerStatistics> large = layers.subList(1, layers.size()).stream().filter(s -> s.weightsGain() > LARGE_GAIN).toList();
            String which = large.isEmpty() ? "" : " (those of " + layerList(large) + " multiply δ by "
                    + numbers(large, LayerStatistics::weightsGain) + ")";
            String fix = origin.trained()
                    ? "train with --l2 or a lower learning rate to keep them small."
                    : origin.handWritten()
                    ? "draw them with standard deviation 1/√fan_in (mlp4j's --init normal-scaled; √(2/fan_in) for relu, --init he)."
                    : "use " + otherSchemes(origin) + ".";
            out.add(new Finding(1, FindingKind.EXPLODING_GRADIENT, ratio, seen + ": the gradient grows on its way back; the "
                    + "weights are too large for the depth" + which + ": " + fix));
        }
    }

    /**
     * What shrinks δ, from the measurements, with the change that fits it: saturated units (σ' near 0), relus never
     * active, small weights; when none of those, the hidden units' slopes themselves (a sigmoid's σ' is at most 1/4),
     * which only fewer layers or other activations change.
     */
    private static String vanishingCauses(DiagnoseReport r, Thresholds t, WeightsOrigin origin, boolean unscaled) {
        List<LayerStatistics> layers = r.layers();
        List<LayerStatistics> hidden = layers.subList(0, layers.size() - 1);
        List<LayerStatistics> above = layers.subList(1, layers.size());
        List<String> causes = new ArrayList<>();
        List<LayerStatistics> saturated = hidden.stream().filter(s -> s.saturatedFraction() > t.saturated()).toList();
        if (!saturated.isEmpty()) {
            boolean scaleInputs = unscaled && saturated.get(0).layer() == 1;
            String fix = origin.trained()
                    ? "train with --l2 to keep the weights small" + (scaleInputs ? ", and scale the inputs" : "")
                    : origin.handWritten()
                    ? "draw the weights with standard deviation 1/√fan_in (mlp4j's --init normal-scaled)" + (scaleInputs ? " and scale the inputs" : "")
                    : origin.uses(WeightInit.NORMAL_SCALED)
                    ? (scaleInputs ? "scale the inputs" : "the weights are already 1/√fan_in (--init normal-scaled) but the "
                       + "biases N(0, 1): use --init xavier, whose biases start at 0, or relu hidden units (--hidden relu --init he)")
                    : "use --init normal-scaled" + (scaleInputs ? " and scale the inputs" : "");
            causes.add("the units of " + layerList(saturated) + " are saturated, where σ' is near 0 (see saturated): " + fix);
        }
        List<LayerStatistics> dead = hidden.stream().filter(s -> s.deadFraction() > t.dead()).toList();
        if (!dead.isEmpty()) {
            causes.add("relus never active pass no δ back (" + layerList(dead) + ", see dead-relu)");
        }
        List<LayerStatistics> small = above.stream().filter(s -> s.weightsGain() < SMALL_GAIN).toList();
        if (causes.isEmpty() && small.isEmpty()) {
            // Neither saturated, dead nor small by the bound: whichever of the two factors shrinks δ more.
            double slopes = hidden.stream().mapToDouble(LayerStatistics::slopeFactor).reduce(1, (a, b) -> a * b);
            double gains = above.stream().mapToDouble(LayerStatistics::weightsGain).reduce(1, (a, b) -> a * b);
            if (gains < slopes) {
                small = above.stream().filter(s -> s.weightsGain() < 1).toList();
            }
        }
        if (!small.isEmpty()) {
            String fix = origin.trained()
                    ? "train with a smaller --l2"
                    : origin.handWritten()
                    ? "draw them with standard deviation 1/√fan_in (mlp4j's --init normal-scaled)"
                    : origin.uses(WeightInit.NORMAL_SCALED) ? "use --init he, whose standard deviation is √(2/fan_in)" : "use --init normal-scaled";
            causes.add("the weights of " + layerList(small) + " are small for their layers: they pass δ on times "
                    + numbers(small, LayerStatistics::weightsGain) + ", where weights of standard deviation 1/√fan_in pass it "
                    + "on about whole: " + fix);
        }
        if (causes.isEmpty()) {
            List<Activation> kinds = hidden.stream().map(LayerStatistics::activation).toList();
            boolean steep = kinds.stream().allMatch(a -> a == Activation.RELU || a == Activation.LINEAR);
            String fix = steep ? "use fewer hidden layers"
                    : "use fewer hidden layers, or relu ones" + (origin.initialised() ? " (--hidden relu --init he)"
                    : origin.handWritten() ? " with weights of standard deviation √(2/fan_in) (He initialisation)" : "");
            String named = r.spec().hasMixedHidden() ? " hidden layers (" + r.spec().hiddenText() + ")"
                    : " " + kinds.get(0) + " hidden layer" + (hidden.size() == 1 ? "" : "s");
            causes.add("its " + hidden.size() + named + " pass on δ times "
                    + "their units' slopes f'(z), here " + numbers(hidden, LayerStatistics::slopeFactor)
                    + (kinds.contains(Activation.SIGMOID) ? " (σ' is at most 1/4)" : "") + ", with nothing saturated: " + fix);
        }
        return String.join("; ", causes);
    }

    /** The initialisations that keep δ's size, less the one in use. */
    private static String otherSchemes(WeightsOrigin origin) {
        List<String> schemes = new ArrayList<>();
        for (WeightInit w : new WeightInit[] {WeightInit.NORMAL_SCALED, WeightInit.XAVIER, WeightInit.HE}) {
            if (!origin.uses(w)) {
                schemes.add(w == WeightInit.HE ? "he for relu" : w.id());
            }
        }
        return "--init " + schemes.get(0) + (schemes.size() > 1 ? " (or " + String.join(", ", schemes.subList(1, schemes.size())) + ")" : "");
    }

    /** "layer 2" or "layers 2, 3, 4". */
    private static String layerList(List<LayerStatistics> layers) {
        return (layers.size() == 1 ? "layer " : "layers ") + layers.stream().map(s -> String.valueOf(s.layer()))
                .collect(Collectors.joining(", "));
    }

    private static String numbers(List<LayerStatistics> layers, ToDoubleFunction<LayerStatistics> value) {
        return layers.stream().map(s -> number(value.applyAsDouble(s))).collect(Collectors.joining(", "));
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, fraction >= 0.1 ? "%.0f %%" : "%.2g %%", 100 * fraction);
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.valueOf((long) v);
        }
        double a = Math.abs(v);
        String s = String.format(Locale.ROOT, a >= 1e-3 && a < 1e5 ? "%.3g" : "%.2g", v);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
