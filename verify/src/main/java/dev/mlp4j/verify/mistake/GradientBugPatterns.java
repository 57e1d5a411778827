package dev.mlp4j.verify.mistake;

import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.OutputPairing;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.verify.compare.ParameterSets;
import dev.mlp4j.verify.compare.Tolerance;
import dev.mlp4j.verify.file.ParameterArray;
import dev.mlp4j.verify.file.Reduction;
import dev.mlp4j.verify.reference.BackpropMistake;
import dev.mlp4j.verify.reference.BackpropTracer;
import dev.mlp4j.verify.reference.Trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Names the mistake behind a gradient that disagrees with the reference, by recomputing the gradient with each
 * known mistake made on purpose and keeping those that reproduce the user's numbers.
 *
 * <p>The search goes from whole-network mistakes to array-by-array ones, and stops at the first stage that
 * explains every disagreeing array, so one mistake is named once and not also as the symptoms it causes:
 * <ol>
 *   <li>a backward-pass mistake (output δ, σ' in a hidden layer) that reproduces the whole gradient;</li>
 *   <li>one constant factor on the whole gradient (sign, batch size, the quadratic cost's 2, any other);</li>
 *   <li>a backward-pass mistake times a constant factor;</li>
 *   <li>an L2 term c·w added to every weight gradient, the biases' right;</li>
 *   <li>array by array: all zero (a layer the backward loop skips), transposed, built from another layer's δ or
 *       activations, or off by its own constant factor.</li>
 * </ol>
 * A mistake that gives the reference's own gradient for this network (σ'(a) for a relu, say) is never named: the
 * numbers cannot tell it apart from a correct backward pass.
 */
public final class GradientBugPatterns {
    private final NetworkSpec spec;
    private final Parameters parameters;
    private final Batch batch;
    private final Reduction reduction;
    private final double scale;
    private final Parameters claimed;
    private final Parameters reference;
    private final Tolerance tolerance;
    private Trace referenceTrace;

    public GradientBugPatterns(Parameters parameters, Batch batch, Reduction reduction, Parameters claimed, Parameters reference,
                        Tolerance tolerance) {
        this.spec = parameters.spec();
        this.parameters = parameters;
        this.batch = batch;
        this.reduction = reduction;
        this.scale = reduction.scale(batch.size());
        this.claimed = claimed;
        this.reference = reference;
        this.tolerance = tolerance;
    }

    /** A mistake to try, with what to say when it fits. */
    /** A backward-pass mistake to try, with what to say when it fits; the step search tries them too. */
    record Candidate(BackpropMistake mistake, DiagnosisKind kind, String message) {
    }

    /** The diagnoses; {@code transposedShapes} are weight layers whose gradient arrived as [to][from]. */
    public List<Diagnosis> explain(Set<Integer> transposedShapes) {
        Set<String> transposed = new TreeSet<>();
        for (int l : transposedShapes) {
            transposed.add(new ParameterArray(true, l).name());
        }
        List<ParameterArray> wrong = ParameterSets.disagreeing(claimed, reference, tolerance);
        List<Diagnosis> found = new ArrayList<>();
        if (!wrong.isEmpty()) {
            found = wholeNetwork(false);
            if (found.isEmpty()) {
                found = factorOnWhole();
            }
            if (found.isEmpty()) {
                found = wholeNetwork(true);
            }
            if (found.isEmpty()) {
                found = l2InGradient(wrong);
            }
            if (found.isEmpty()) {
                found = arrayByArray(wrong, transposed);
            }
        }
        if (!transposed.isEmpty()) {
            found.add(0, new Diagnosis(DiagnosisKind.TRANSPOSED_WEIGHT_GRADIENT, List.copyOf(transposed), null,
                    "The weight gradient of " + String.join(", ", transposed) + " is transposed: it is stored [to][from] "
                            + "but the weights are [from][to] (weights[i][j][k] goes from neuron j of layer i to neuron k "
                            + "of layer i+1). If your code keeps both the same way, only the file is off: transpose the gradient "
                            + "as you wrote the weights (numpy: g.T.tolist()). If not, the update changes the wrong weights: "
                            + "store gradient[i][j][k] = a_j of layer i · δ_k of layer i+1."));
        }
        return found;
    }

    /** The backward-pass mistakes worth trying on {@code spec}: those that can change its gradient. */
    static List<Candidate> candidates(NetworkSpec spec) {
        List<Candidate> list = new ArrayList<>();
        Activation out = spec.output();
        Cost cost = spec.cost();
        OutputPairing pairing = OutputPairing.of(out, cost);
        if (pairing.slopeCancels()) {
            String factor = out == Activation.SOFTMAX ? "a(1 − a)" : "σ'(z)";
            list.add(new Candidate(BackpropMistake.output(BackpropMistake.OutputForm.TIMES_SIGMA_PRIME),
                    DiagnosisKind.OUTPUT_DELTA_TIMES_SIGMA_PRIME, "The output δ is multiplied by " + factor + ": with a "
                    + out + " output and the " + cost + " cost δ = a − y exactly, because the cost's derivative cancels "
                    + factor + " (Nielsen, chapter 3). Drop the " + factor + " factor from the output δ."));
        }
        if (pairing.aMinusYTimesSlope()) {
            list.add(new Candidate(BackpropMistake.output(BackpropMistake.OutputForm.WITHOUT_SIGMA_PRIME),
                    DiagnosisKind.OUTPUT_DELTA_WITHOUT_SIGMA_PRIME, "The output δ lacks σ'(z): with the quadratic cost "
                    + "and a " + out + " output δ = (a − y) ⊙ σ'(z). a − y alone is the cross-entropy cost's δ; either "
                    + "multiply by σ'(z) or train with the cross-entropy cost and declare it in the file."));
        }
        int hiddenLayers = spec.depth() - 1;
        if (hiddenLayers > 0) {
            list.add(new Candidate(BackpropMistake.derivative(BackpropMistake.DerivativeForm.MISSING, BackpropMistake.EVERY_LAYER),
                    DiagnosisKind.HIDDEN_DELTA_WITHOUT_SIGMA_PRIME, "The hidden layers' δ lacks σ'(z): it is (w)ᵀδ of the "
                    + "layer above without ⊙ σ'(z) (BP2: δˡ = ((wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ'(zˡ)). Multiply by the derivative of "
                    + "the hidden activation."));
            for (int l = 0; hiddenLayers > 1 && l < hiddenLayers; l++) {
                list.add(new Candidate(BackpropMistake.derivative(BackpropMistake.DerivativeForm.MISSING, l),
                        DiagnosisKind.HIDDEN_DELTA_WITHOUT_SIGMA_PRIME, "The δ of layer " + (l + 1) + " lacks σ'(z): it "
                        + "is (w)ᵀδ of layer " + (l + 2) + " without ⊙ σ'(z), while the other layers have it. Look at "
                        + "that iteration of the backward loop (BP2: δˡ = ((wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ'(zˡ))."));
            }
        }
        list.add(new Candidate(BackpropMistake.derivative(BackpropMistake.DerivativeForm.OF_ACTIVATION, BackpropMistake.EVERY_LAYER),
                DiagnosisKind.SIGMA_PRIME_OF_ACTIVATION, "σ' is evaluated at the activation a = σ(z) instead of at z, "
                + "so σ is applied twice (e.g. sigmoidPrime(a) = σ(a)(1 − σ(a))). Use σ'(z), or its form in a: "
                + derivativeIn(spec, "a") + "."));
        list.add(new Candidate(BackpropMistake.derivative(BackpropMistake.DerivativeForm.A_FORM_OF_Z, BackpropMistake.EVERY_LAYER),
                DiagnosisKind.SIGMA_PRIME_FORMULA_ON_Z, "σ' is computed with its formula in terms of a, but fed z: "
                + derivativeIn(spec, "z") + " instead of " + derivativeIn(spec, "a") + ". Pass the activation a = σ(z)."));
        if (hiddenLayers > 0 && pairing.aMinusYTimesSlope() && !out.isRowWise()) {
            // The output layer's chain rule takes σ' too: a mistake may sit in the backward loop only.
            list.add(new Candidate(BackpropMistake.derivative(BackpropMistake.DerivativeForm.OF_ACTIVATION, BackpropMistake.HIDDEN_LAYERS),
                    DiagnosisKind.SIGMA_PRIME_OF_ACTIVATION, "In the hidden layers σ' is evaluated at the activation a = σ(z) "
                    + "instead of at z (the output layer's is right), so σ is applied twice there. In the backward loop use "
                    + "σ'(z), or its form in a: " + derivativeIn(spec, "a") + "."));
            list.add(new Candidate(BackpropMistake.derivative(BackpropMistake.DerivativeForm.A_FORM_OF_Z, BackpropMistake.HIDDEN_LAYERS),
                    DiagnosisKind.SIGMA_PRIME_FORMULA_ON_Z, "In the hidden layers σ' is computed with its formula in terms of a "
                    + "but fed z (the output layer's is right): " + derivativeIn(spec, "z") + " instead of "
                    + derivativeIn(spec, "a") + ". In the backward loop pass the activation a = σ(z)."));
        }
        return list;
    }

    /** σ' of the hidden layers (of the output layer without hidden layers) written in terms of {@code v}. */
    private static String derivativeIn(NetworkSpec spec, String v) {
        List<Activation> layers = spec.depth() > 1 ? spec.hiddenActivations() : List.of(spec.output());
        String sigmoid = v + "(1 − " + v + ")";
        String tanh = "1 − " + v + "²";
        if (layers.contains(Activation.TANH) && layers.contains(Activation.SIGMOID)) {
            return sigmoid + " in the sigmoid layers, " + tanh + " in the tanh layers";
        }
        return layers.contains(Activation.TANH) ? tanh : sigmoid;
    }

    /** Stages 1 and 3: one backward-pass mistake, exactly or times one constant factor. */
    private List<Diagnosis> wholeNetwork(boolean withFactor) {
        List<Diagnosis> out = new ArrayList<>();
        List<Parameters> fitting = new ArrayList<>();
        for (Candidate c : candidates(spec)) {
            Parameters g = BackpropTracer.trace(parameters, batch, c.mistake()).gradients(scale);
            List<ParameterArray> changed = ParameterSets.disagreeing(g, reference, tolerance);
            if (changed.isEmpty()) {
                continue;
            }
            double factor = withFactor ? ParameterSets.fitFactor(claimed, g, ParameterArray.all(spec)) : 1.0;
            if (withFactor && (!Double.isFinite(factor) || factor == 0 || Tolerance.sameFactor(factor, 1))) {
                continue;
            }
            if (!ParameterSets.agree(claimed, g, factor, tolerance)) {
                continue;
            }
            // Two mistakes that give the same numbers here are one finding, not two.
            if (fitting.stream().anyMatch(other -> ParameterSets.agree(g, other, 1.0, tolerance))) {
                continue;
            }
            fitting.add(g);
            out.add(new Diagnosis(c.kind(), ParameterSets.names(changed), null, c.message()));
            if (withFactor) {
                out.addAll(ConstantFactor.forGradient(factor, ParameterSets.allNames(spec), true, batch.size(), reduction, spec));
            }
        }
        return out;
    }

    /** Stage 2. */
    private List<Diagnosis> factorOnWhole() {
        double factor = ParameterSets.fitFactor(claimed, reference, ParameterArray.all(spec));
        if (!Double.isFinite(factor) || factor == 0 || Tolerance.sameFactor(factor, 1)
                || !ParameterSets.agree(claimed, reference, factor, tolerance)) {
            return new ArrayList<>();
        }
        return new ArrayList<>(ConstantFactor.forGradient(factor, ParameterSets.allNames(spec), true, batch.size(), reduction, spec));
    }

    /**
     * An L2 term c·w in the weights' gradient (c = λ/n in Nielsen's form), which verify's ∂C/∂w leaves out: only the
     * weights disagree, and each by the same positive multiple of its own weights.
     */
    private List<Diagnosis> l2InGradient(List<ParameterArray> wrong) {
        if (wrong.stream().anyMatch(a -> !a.weights())) {
            return new ArrayList<>();
        }
        double dw = 0;
        double ww = 0;
        List<ParameterArray> weights = ParameterArray.all(spec).stream().filter(ParameterArray::weights).toList();
        for (ParameterArray a : weights) {
            double[] c = a.values(claimed);
            double[] r = a.values(reference);
            double[] w = a.values(parameters);
            for (int i = 0; i < c.length; i++) {
                dw += (c[i] - r[i]) * w[i];
                ww += w[i] * w[i];
            }
        }
        double c = ww == 0 ? Double.NaN : dw / ww;
        if (!(c > 0)) {
            return new ArrayList<>();
        }
        for (ParameterArray a : weights) {
            double[] r = a.values(reference);
            double[] w = a.values(parameters);
            double[] expected = new double[r.length];
            for (int i = 0; i < r.length; i++) {
                expected[i] = r[i] + c * w[i];
            }
            if (!tolerance.agrees(a.values(claimed), expected)) {
                return new ArrayList<>();
            }
        }
        List<Diagnosis> out = new ArrayList<>();
        out.add(new Diagnosis(DiagnosisKind.L2_IN_GRADIENT, ParameterSets.names(wrong), c, String.format(Locale.ROOT,
                "The weight gradient includes an L2 term c·w with c = %.3g (λ/n in Nielsen's form), while 'gradients' should"
                        + " hold ∂C/∂w of the cost alone, as network2.py's backprop returns it (L2 enters in the update). Leave the"
                        + " term out of the file; verify --step checks the update with 'l2' and 'n'.", c)));
        return out;
    }

    /** Stage 4: every disagreeing array on its own; nothing unless each one is explained. */
    private List<Diagnosis> arrayByArray(List<ParameterArray> wrong, Set<String> transposed) {
        List<ParameterArray> zero = new ArrayList<>();
        List<String> wrongLayer = new ArrayList<>();
        List<String> wrongLayerWhy = new ArrayList<>();
        Map<Double, List<String>> factors = new LinkedHashMap<>();
        List<String> square = new ArrayList<>();
        for (ParameterArray a : wrong) {
            double[] u = a.values(claimed);
            double[] r = a.values(reference);
            if (ParameterSets.allZero(u)) {
                zero.add(a);
                continue;
            }
            if (a.isSquare(spec) && tolerance.agrees(u, ParameterArray.transpose(r, a.to(spec), a.from(spec)))) {
                square.add(a.name());
                continue;
            }
            String source = wrongLayerSource(a, u);
            if (source != null) {
                wrongLayer.add(a.name());
                wrongLayerWhy.add(source);
                continue;
            }
            double factor = ParameterSets.fitFactor(u, r);
            if (Double.isFinite(factor) && factor != 0 && !Tolerance.sameFactor(factor, 1) && tolerance.agrees(u, r, factor)) {
                Double key = factors.keySet().stream().filter(k -> Tolerance.sameFactor(k, factor)).findFirst().orElse(factor);
                factors.computeIfAbsent(key, k -> new ArrayList<>()).add(a.name());
                continue;
            }
            return new ArrayList<>();
        }
        transposed.addAll(square);
        List<Diagnosis> out = new ArrayList<>();
        out.addAll(zeroDiagnoses(zero));
        if (!wrongLayer.isEmpty()) {
            out.add(new Diagnosis(DiagnosisKind.WRONG_LAYER, wrongLayer, null, String.join(" ", wrongLayerWhy)
                    + " Index δ and activations by the layer the weights connect: weights[i] joins layer i to layer i+1."));
        }
        factors.forEach((factor, arrays) -> out.addAll(ConstantFactor.forGradient(factor, arrays, false, batch.size(), reduction, spec)));
        return out;
    }

    private List<Diagnosis> zeroDiagnoses(List<ParameterArray> zero) {
        List<Diagnosis> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Integer> skippedLayers = new ArrayList<>();
        List<String> alone = new ArrayList<>();
        for (ParameterArray a : zero) {
            ParameterArray partner = new ParameterArray(!a.weights(), a.layer());
            boolean partnerZero = ParameterSets.allZero(partner.values(claimed));
            if (partnerZero) {
                skipped.add(a.name());
                if (!skippedLayers.contains(a.layer())) {
                    skippedLayers.add(a.layer());
                }
            } else {
                alone.add(a.name());
            }
        }
        if (skippedLayers.size() == spec.depth()) {
            out.add(new Diagnosis(DiagnosisKind.ZERO_GRADIENT, skipped, null, "The whole gradient is zero: nothing is "
                    + "written into it, or it is read before the backward pass fills it."));
            return out;
        }
        if (!skipped.isEmpty()) {
            String layers = String.join(", ", skippedLayers.stream().map(l -> "weights[" + l + "]/biases[" + l + "]").toList());
            out.add(new Diagnosis(DiagnosisKind.LAYER_SKIPPED, skipped, null, "The gradients of " + layers + " are all zero "
                    + "although the reference's are not: the backward loop never reaches " + (skippedLayers.size() > 1 ? "these layers" : "this layer")
                    + ". Check its bounds: it must run down to the first weight layer (e.g. l >= 0, not l > 0)."));
        }
        if (!alone.isEmpty()) {
            out.add(new Diagnosis(DiagnosisKind.ZERO_GRADIENT, alone, null, "The " + String.join(", ", alone)
                    + " gradient" + (alone.size() > 1 ? "s are" : " is") + " all zero although the reference's is not: "
                    + "it is never written (∂C/∂b = δ, ∂C/∂w = δ·aᵀ of the same layer)."));
        }
        return out;
    }

    /** A sentence naming the other layer's δ or activations {@code u} was built from, or null. */
    private String wrongLayerSource(ParameterArray a, double[] u) {
        if (referenceTrace == null) {
            referenceTrace = BackpropTracer.trace(parameters, batch, BackpropMistake.NONE);
        }
        int l = a.layer();
        for (int d = 0; d < spec.depth(); d++) {
            if (spec.size(d + 1) != a.to(spec)) {
                continue;
            }
            if (!a.weights()) {
                if (d != l && tolerance.agrees(u, referenceTrace.biasGradient(d, scale))) {
                    return "The " + a.name() + " gradient is the δ of layer " + (d + 1) + " where it should be that of layer " + (l + 1) + ".";
                }
                continue;
            }
            for (int act = 0; act <= spec.depth(); act++) {
                if (spec.size(act) != a.from(spec) || (d == l && act == l)) {
                    continue;
                }
                if (tolerance.agrees(u, referenceTrace.weightGradient(d, act, scale))) {
                    return "The " + a.name() + " gradient is built from the δ of layer " + (d + 1) + " and the activations of layer "
                            + act + " where it should use the δ of layer " + (l + 1) + " and the activations of layer " + l + ".";
                }
            }
        }
        return null;
    }
}
