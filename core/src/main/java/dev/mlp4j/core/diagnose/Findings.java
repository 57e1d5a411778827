package dev.mlp4j.core.diagnose;

import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns diagnose's measurements into findings, each with one line of advice that carries its number. */
final class Findings {
    private Findings() {
    }

    /** @param trained whether the weights were trained (a saved model): then no advice names an initialisation */
    static List<Finding> of(DiagnoseReport r, boolean finite, Thresholds t, boolean trained) {
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
            if (s.saturatedFraction() > t.saturated() && (!output || spec.cost() == Cost.QUADRATIC)) {
                String limit = s.activation() == Activation.TANH ? "2" : "4";
                // Only layer 1 sees the data; deeper layers' inputs are the previous layer's outputs. Scaling is
                // advised only for inputs the input-not-scaled finding flags.
                String scale = s.layer() == 1 && unscaled ? " and scale the inputs" : "";
                String fix = output
                        ? "with the quadratic cost a saturated output learns slowly, because its δ carries σ'(z): use the "
                          + "cross-entropy cost" + (trained ? " when training it further" : ", or smaller initial weights (--init normal-scaled)")
                        : trained
                        ? "the trained weights have grown large for the layer's inputs: train with --l2 to keep them small" + scale
                        : "use weights with standard deviation 1/√" + fanIn + " = " + number(1 / Math.sqrt(fanIn))
                          + " (--init normal-scaled)" + scale;
                out.add(new Finding(s.layer(), FindingKind.SATURATED, s.saturatedFraction(), where
                        + Percent.share(s.saturatedFraction()) + " of " + s.activation() + " units saturated (|z| > " + limit + ")"
                        + over + " (pre-activation std " + number(s.preActivationStd()) + "); " + fix + "."));
            }
            if (s.deadFraction() > t.dead()) {
                out.add(new Finding(s.layer(), FindingKind.DEAD_RELU, s.deadFraction(), where + Percent.share(s.deadFraction())
                        + " of relu units never active" + over + " (pre-activation mean " + number(s.preActivationMean())
                        + ", std " + number(s.preActivationStd()) + "); a dead relu never learns again: "
                        + (trained ? "train with a lower learning rate." : "use He initialisation (--init he), small positive biases, or a lower learning rate.")));
            }
        }
        gradientFlow(r, t, out, trained);
        for (LayerStatistics s : layers) {
            if (s.weightNorm() == 0 || !Double.isFinite(s.updateRatio())) {
                continue;
            }
            String step = "layer " + s.layer() + ": one step at η = " + number(r.learningRate()) + " would change the weights by ";
            if (s.updateRatio() > t.updateTooLarge()) {
                out.add(new Finding(s.layer(), FindingKind.UPDATE_TOO_LARGE, s.updateRatio(), step + percent(s.updateRatio())
                        + " of their size (η‖∇w‖/‖w‖ = " + number(s.updateRatio()) + "); lower the learning rate until "
                        + "this is below 1, or training will jump about or diverge."));
            } else if (s.updateRatio() < t.updateTooSmall()) {
                out.add(new Finding(s.layer(), FindingKind.UPDATE_TOO_SMALL, s.updateRatio(), step + "a fraction "
                        + number(s.updateRatio()) + " of their size (η‖∇w‖/‖w‖); the layer barely learns: raise the "
                        + "learning rate, or remove what makes its gradient small (see the other findings)."));
            }
        }
        return out;
    }

    /** The backward signal's size in the first hidden layer against the output layer's. */
    private static void gradientFlow(DiagnoseReport r, Thresholds t, List<Finding> out, boolean trained) {
        List<LayerStatistics> layers = r.layers();
        if (layers.size() < 2) {
            return;
        }
        LayerStatistics first = layers.get(0);
        LayerStatistics output = layers.get(layers.size() - 1);
        if (!(output.deltaRms() > 0)) {
            return;
        }
        double ratio = first.deltaRms() / output.deltaRms();
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < layers.size() - 1; i++) {
            steps.append(i == 0 ? "" : ", ").append(number(layers.get(i).gradientRatio()));
        }
        String seen = "layer 1: its δ is " + number(ratio) + " times the output layer's (RMS " + number(first.deltaRms())
                + " vs " + number(output.deltaRms()) + "; layer to layer " + steps + ")";
        if (ratio < t.vanishing()) {
            out.add(new Finding(1, FindingKind.VANISHING_GRADIENT, ratio, seen + ": the gradient vanishes on its way back, so "
                    + "the first layers barely learn; unsaturate the units (" + (trained ? "train with --l2 to keep the weights small" : "--init normal-scaled")
                    + "), or use tanh or relu."));
        } else if (ratio > t.exploding()) {
            out.add(new Finding(1, FindingKind.EXPLODING_GRADIENT, ratio, seen + ": the gradient grows on its way back; the "
                    + "weights are too large for the depth: " + (trained ? "train with --l2 or a lower learning rate to keep them small."
                    : "use --init normal-scaled (or xavier, he for relu).")));
        }
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
