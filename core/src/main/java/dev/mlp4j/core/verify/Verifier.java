package dev.mlp4j.core.verify;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.backend.StepSettings;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.Backprop;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a verify file against the reference: the forward pass and δ when given, the gradient, and with
 * {@link #verifyStep} the training step. The reference gradient is core's {@link Backprop}'s, at the file's
 * parameters, on the file's examples, reduced as the file declares.
 */
public final class Verifier {
    private Verifier() {
    }

    /** Checks the file's gradient (and forward pass and δ, where given). */
    public static VerifyReport verify(VerifyFile file, Tolerance tolerance) {
        if (file.gradients() == null) {
            throw new InvalidInputException(file.source() + ": 'gradients' is missing, so there is nothing to verify"
                    + (file.step() != null ? "; to check the training step the file records, use verify --step." : "."));
        }
        return check(file, tolerance, false);
    }

    /** Checks the file's training step, and its gradient, forward pass and δ where given. */
    public static VerifyReport verifyStep(VerifyFile file, Tolerance tolerance) {
        if (file.step() == null) {
            throw new InvalidInputException(file.source() + ": 'after' is missing: verify --step needs the parameters "
                    + "'before' and 'after' one step, its 'learningRate', and the batch in 'inputs'/'targets'.");
        }
        return check(file, tolerance, true);
    }

    private static VerifyReport check(VerifyFile file, Tolerance tolerance, boolean withStep) {
        NetworkSpec spec = file.spec();
        List<String> notes = new ArrayList<>();
        for (String field : file.ignoredFields()) {
            notes.add("Ignored the field '" + field + "', which verify files do not have (misspelt?).");
        }
        notes.addAll(file.readingNotes());
        List<Diagnosis> diagnoses = new ArrayList<>();
        Trace trace = BackpropTracer.trace(file.parameters(), file.batch(), BackpropMistake.NONE);

        List<ArrayComparison> activations = file.activations() == null ? List.of()
                : ForwardComparison.activations(file, trace, tolerance);
        ArrayComparison firstWrongLayer = activations.stream().filter(c -> !c.agrees()).findFirst().orElse(null);
        if (firstWrongLayer != null) {
            ArrayComparison.Mismatch m = firstWrongLayer.first().get(0);
            diagnoses.add(new Diagnosis(DiagnosisKind.FORWARD_PASS_DIFFERS, List.of(firstWrongLayer.name()), null,
                    "The forward pass already differs at " + firstWrongLayer.name() + " (" + m.entry() + " is " + m.claimed()
                            + ", the reference has " + m.expected() + "); gradients computed from other activations cannot "
                            + "agree, so fix this first. Each layer is a = σ(z) with z_k = b_k + Σ_j w[j][k]·a_j."));
        }
        List<ArrayComparison> deltas = file.deltas() == null ? List.of() : ForwardComparison.deltas(file, trace, tolerance);

        List<ArrayComparison> gradients = List.of();
        if (file.gradients() != null) {
            Parameters reference = referenceGradient(file.parameters(), file.batch(), file.reduction());
            Parameters claimed = file.gradients().values();
            gradients = compare(spec, claimed, reference, file.gradients().transposedWeights(), tolerance);
            diagnoses.addAll(new GradientBugPatterns(file.parameters(), file.batch(), file.reduction(), claimed, reference,
                    tolerance).explain(file.gradients().transposedWeights()));
            boolean gradientsAgree = gradients.stream().allMatch(ArrayComparison::agrees);
            if (!gradientsAgree && !deltas.isEmpty() && deltas.stream().allMatch(ArrayComparison::agrees)) {
                notes.add("Your δ agree with the reference, so the mistake is in forming the gradient from them: "
                        + "∂C/∂b = δ and ∂C/∂w[i][j][k] = a_j of layer i · δ_k of layer i+1, "
                        + (file.reduction() == Reduction.MEAN ? "averaged" : "summed") + " over the batch.");
            }
        }

        List<ArrayComparison> step = List.of();
        if (withStep) {
            StepClaim claim = file.step();
            // A step is one step on the batch's mean gradient whatever form the file's gradient takes: that is
            // the update every mini-batch SGD (Nielsen's update_mini_batch included) makes.
            Parameters gradient = referenceGradient(claim.before(), file.batch(), Reduction.MEAN);
            StepRule rule = new StepRule(claim.learningRate(), claim.momentum(), claim.l2Scale(), false);
            Parameters reference = rule.delta(claim.before(), gradient, claim.velocityBefore());
            Parameters claimed = ParameterSets.minus(claim.after(), claim.before());
            step = compare(spec, claimed, reference, Set.of(), tolerance);
            diagnoses.addAll(new StepBugPatterns(claim, file.batch(), gradient, claimed, reference, rule, tolerance).explain());
            if (claim.momentum() > 0 && claim.velocityBefore() == null) {
                notes.add("With momentum and no 'velocityBefore' the velocity is taken as zero, and then a step with "
                        + "momentum equals a plain SGD step: give 'velocityBefore' to check the momentum term.");
            }
        }

        boolean match = activations.stream().allMatch(ArrayComparison::agrees)
                && deltas.stream().allMatch(ArrayComparison::agrees)
                && gradients.stream().allMatch(ArrayComparison::agrees)
                && step.stream().allMatch(ArrayComparison::agrees)
                && (file.gradients() == null || file.gradients().transposedWeights().isEmpty());
        if (!match && diagnoses.isEmpty()) {
            localise(spec, gradients, notes);
            notes.add("No known mistake reproduces these numbers; compare the first disagreeing entries above with your "
                    + "code, or add 'activations' and 'deltas' to the file to see where the numbers part.");
        }
        return new VerifyReport(file.source(), spec, file.examples(), file.reduction(), tolerance, activations, deltas,
                gradients, step, diagnoses, notes, match);
    }

    /** ∇C of the batch at p by core's Backprop, without L2, as the mean or the sum over the examples. */
    static Parameters referenceGradient(Parameters p, Batch batch, Reduction reduction) {
        Gradients g = Gradients.zeros(p.spec());
        new Backprop(p.spec()).dataGradient(p, batch, StepSettings.NONE, g);
        Parameters mean = new Parameters(p.spec(), g.weights(), g.biases());
        return reduction == Reduction.SUM ? ParameterSets.times(mean, batch.size()) : mean;
    }

    private static List<ArrayComparison> compare(NetworkSpec spec, Parameters claimed, Parameters reference,
                                                 Set<Integer> transposed, Tolerance tolerance) {
        List<ArrayComparison> out = new ArrayList<>();
        for (ParameterArray a : ParameterArray.all(spec)) {
            boolean asStored = a.weights() && transposed.contains(a.layer());
            int from = a.from(spec);
            // A matrix that arrived [to][from] is named as it was stored, so the user finds the entry.
            out.add(ArrayComparison.of(a.name(), a.values(claimed), a.values(reference), a.readingOrder(spec),
                    asStored ? i -> a.name() + "[" + (i / from) + "][" + (i % from) + "]" : i -> a.entry(spec, i), tolerance));
        }
        return out;
    }

    /** Where a backward pass's numbers first part from the reference, counting from the output, when it is not there. */
    private static void localise(NetworkSpec spec, List<ArrayComparison> gradients, List<String> notes) {
        if (gradients.isEmpty()) {
            return;
        }
        int highest = -1;
        for (int l = 0; l < spec.depth(); l++) {
            if (!gradients.get(2 * l).agrees() || !gradients.get(2 * l + 1).agrees()) {
                highest = l;
            }
        }
        if (highest >= 0 && highest < spec.depth() - 1) {
            notes.add("The gradients of weights[" + (highest + 1) + "] and above agree; the first to differ, counting back "
                    + "from the output, are those of weights[" + highest + "]/biases[" + highest + "]: look at the "
                    + "backward step into layer " + (highest + 1) + ".");
        }
    }
}
