package dev.mlp4j.verify.mistake;

import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.Backprop;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.verify.compare.ParameterSets;
import dev.mlp4j.verify.compare.Tolerance;
import dev.mlp4j.verify.file.ParameterArray;
import dev.mlp4j.verify.file.Reduction;
import dev.mlp4j.verify.file.StepClaim;
import dev.mlp4j.verify.reference.BackpropTracer;
import dev.mlp4j.verify.reference.StepRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Names the mistake behind a training step that disagrees with the reference step, by redoing the step each
 * usual wrong way and keeping the ways that reproduce the user's change of the parameters. The stages, first
 * that explains the step wins: one wrong way exactly; the reference step times one constant; entries that did
 * not move or moved where the reference leaves them alone, with the rest right; one wrong way times a constant.
 */
public final class StepBugPatterns {
    private final NetworkSpec spec;
    private final StepClaim claim;
    private final Batch batch;
    private final Parameters gradient;
    private final Parameters claimed;
    private final Parameters reference;
    private final Tolerance tolerance;
    private final StepRule rule;

    /**
     * @param gradient  the reference gradient of the batch at {@code claim.before()}, the mean over its examples
     * @param claimed   the user's step, after − before
     * @param reference the reference step
     */
    public StepBugPatterns(StepClaim claim, Batch batch, Parameters gradient, Parameters claimed, Parameters reference,
                    StepRule rule, Tolerance tolerance) {
        this.spec = claim.before().spec();
        this.claim = claim;
        this.batch = batch;
        this.gradient = gradient;
        this.claimed = claimed;
        this.reference = reference;
        this.rule = rule;
        this.tolerance = tolerance;
    }

    private record Candidate(Parameters step, DiagnosisKind kind, Double value, String message) {
    }

    public List<Diagnosis> explain() {
        if (ParameterSets.disagreeing(claimed, reference, tolerance).isEmpty()) {
            return new ArrayList<>();
        }
        List<Candidate> candidates = candidates();
        List<Diagnosis> found = wrongWays(candidates, false);
        if (found.isEmpty()) {
            found = factorOnWhole();
        }
        if (found.isEmpty()) {
            found = entries();
        }
        if (found.isEmpty()) {
            found = wrongWays(candidates, true);
        }
        return found;
    }

    private List<Candidate> candidates() {
        List<Candidate> list = new ArrayList<>();
        batchCandidates(list);
        l2Candidates(list);
        momentumCandidates(list);
        // A step can be right as an update and wrong in the gradient it applies: the backward-pass mistakes, seen
        // through the update. With the file's own gradient the gradient check names them; without it, only this does.
        for (GradientBugPatterns.Candidate c : GradientBugPatterns.candidates(spec)) {
            Parameters mistaken = BackpropTracer.trace(claim.before(), batch, c.mistake()).gradients(Reduction.MEAN.scale(batch.size()));
            list.add(new Candidate(rule.delta(claim.before(), mistaken, claim.velocityBefore()), c.kind(), null,
                    c.message() + " (Seen in the step: the update itself is right; the gradient it applies is not.)"));
        }
        return list;
    }

    /** The batch summed, or never accumulated (one update per example). */
    private void batchCandidates(List<Candidate> list) {
        int m = batch.size();
        double eta = claim.learningRate();
        if (m > 1) {
            list.add(new Candidate(rule.delta(claim.before(), ParameterSets.times(gradient, m), claim.velocityBefore()),
                    DiagnosisKind.SUMMED_NOT_AVERAGED, (double) m, "The step uses the sum of the " + m + " examples' "
                    + "gradients instead of their mean, so it is " + m + " times too large. Divide the summed gradient by "
                    + "the batch size (Nielsen: w − (η/m)Σ∇Cₓ)."));
            list.add(new Candidate(perExample(eta / m), DiagnosisKind.PER_EXAMPLE_UPDATES, eta / m, "The parameters were "
                    + "updated after every example, " + m + " updates at rate " + ConstantFactor.number(eta / m)
                    + " (η/m) each on that example's gradient at the parameters the previous update left, instead of one "
                    + "step on the batch's mean gradient: the batch is never accumulated. Sum the examples' gradients at "
                    + "the same parameters first, then update once."));
            list.add(new Candidate(perExample(eta), DiagnosisKind.PER_EXAMPLE_UPDATES, eta, "The parameters were "
                    + "updated after every example at the full learning rate η = " + ConstantFactor.number(eta) + ", "
                    + m + " updates each on one example's gradient, instead of one step on the batch's mean "
                    + "gradient: the batch is never accumulated. Average the examples' gradients first, then update once."));
        }
    }

    /** The declared L2 term ignored, put on the biases, or divided by the wrong number. */
    private void l2Candidates(List<Candidate> list) {
        int m = batch.size();
        double decay = claim.l2Scale();
        if (claim.l2() > 0) {
            list.add(new Candidate(rule(0, false).delta(claim.before(), gradient, claim.velocityBefore()),
                    DiagnosisKind.L2_IGNORED, claim.l2(), "The step ignores the declared L2 regularisation (λ = "
                    + ConstantFactor.number(claim.l2()) + ", n = " + claim.n() + "): the weights should also decay, "
                    + "w ← w − η(∇C + (λ/n)w)."));
            list.add(new Candidate(rule(decay, true).delta(claim.before(), gradient, claim.velocityBefore()),
                    DiagnosisKind.L2_ON_BIASES, claim.l2(), "L2 decay is applied to the biases too; it belongs to the "
                    + "weights only (the biases' update is b − η∂C/∂b)."));
            if (claim.n() > 1) {
                list.add(new Candidate(rule(claim.l2(), false).delta(claim.before(), gradient, claim.velocityBefore()),
                        DiagnosisKind.L2_NOT_DIVIDED_BY_N, claim.l2(), "The weight decay uses λ = "
                        + ConstantFactor.number(claim.l2()) + " where it should use λ/n = " + ConstantFactor.number(decay)
                        + " (n = " + claim.n() + ", the training-set size)."));
            }
            if (claim.n() != m) {
                list.add(new Candidate(rule(claim.l2() / m, false).delta(claim.before(), gradient, claim.velocityBefore()),
                        DiagnosisKind.L2_DIVIDED_BY_BATCH, claim.l2() / m, "The weight decay uses λ/m with the batch size m = "
                        + m + " where it should use λ/n with the training-set size n = " + claim.n() + "."));
            }
        }
    }

    /** The declared momentum ignored, the velocity's sign flipped, or the previous velocity applied. */
    private void momentumCandidates(List<Candidate> list) {
        double eta = claim.learningRate();
        double decay = claim.l2Scale();
        if (claim.momentum() > 0) {
            list.add(new Candidate(new StepRule(eta, 0, decay, false).delta(claim.before(), gradient, null),
                    DiagnosisKind.MOMENTUM_IGNORED, claim.momentum(), "The step ignores the declared momentum μ = "
                    + ConstantFactor.number(claim.momentum()) + ": it is a plain SGD step, without μ times the previous "
                    + "velocity (v ← μv − η∇C; w ← w + v)."));
            if (claim.velocityBefore() != null) {
                list.add(new Candidate(rule.withLearningRate(-eta).delta(claim.before(), gradient, claim.velocityBefore()),
                        DiagnosisKind.SIGN_FLIPPED, -1.0, "The step adds η∇C to the velocity instead of subtracting it "
                        + "(v ← μv + η∇C): gradient ascent, hidden by the momentum term. Use v ← μv − η∇C; w ← w + v."));
                list.add(new Candidate(claim.velocityBefore().copy(), DiagnosisKind.STALE_VELOCITY, null, "The parameters moved "
                        + "by the velocity from before this step (w ← w + v, then v ← μv − η∇C): the update runs in the wrong "
                        + "order, so each step is the previous one's. Update the velocity first, then add it: v ← μv − η∇C; w ← w + v."));
            }
        }
    }

    private StepRule rule(double decay, boolean decayBiases) {
        return new StepRule(rule.learningRate(), rule.momentum(), decay, decayBiases);
    }

    /** Each example's gradient applied at once, at {@code rate}, one after the other; returns the total change. */
    private Parameters perExample(double rate) {
        Parameters p = claim.before().copy();
        Parameters v = claim.velocityBefore() == null ? null : claim.velocityBefore().copy();
        Backprop backprop = new Backprop(spec);
        Gradients g = Gradients.zeros(spec);
        int in = spec.inputSize();
        int out = spec.outputSize();
        StepRule each = rule.withLearningRate(rate);
        for (int r = 0; r < batch.size(); r++) {
            double[] x = Arrays.copyOfRange(batch.inputs(), r * in, (r + 1) * in);
            double[] y = Arrays.copyOfRange(batch.targets(), r * out, (r + 1) * out);
            backprop.dataGradient(p, new Batch(1, in, out, x, y), StepSettings.NONE, g);
            Parameters d = each.delta(p, new Parameters(spec, g.weights(), g.biases()), v);
            for (ParameterArray a : ParameterArray.all(spec)) {
                double[] w = a.values(p);
                double[] dw = a.values(d);
                for (int i = 0; i < w.length; i++) {
                    w[i] += dw[i];
                }
            }
            v = d;
        }
        return ParameterSets.minus(p, claim.before());
    }

    private List<Diagnosis> wrongWays(List<Candidate> candidates, boolean withFactor) {
        List<Diagnosis> out = new ArrayList<>();
        List<Parameters> fitting = new ArrayList<>();
        for (Candidate c : candidates) {
            List<ParameterArray> changed = ParameterSets.disagreeing(c.step(), reference, tolerance);
            if (changed.isEmpty()) {
                continue;
            }
            double factor = withFactor ? ParameterSets.fitFactor(claimed, c.step(), ParameterArray.all(spec)) : 1.0;
            if (withFactor && (!Double.isFinite(factor) || factor == 0 || Tolerance.sameFactor(factor, 1))) {
                continue;
            }
            if (!ParameterSets.agree(claimed, c.step(), factor, tolerance)
                    || fitting.stream().anyMatch(other -> ParameterSets.agree(c.step(), other, 1.0, tolerance))) {
                continue;
            }
            fitting.add(c.step());
            out.add(new Diagnosis(c.kind(), ParameterSets.names(changed), c.value(), c.message()));
            if (withFactor) {
                out.addAll(ConstantFactor.forStep(factor, ParameterSets.allNames(spec), batch.size(), spec, claim.learningRate()));
            }
        }
        return out;
    }

    private List<Diagnosis> factorOnWhole() {
        double factor = ParameterSets.fitFactor(claimed, reference, ParameterArray.all(spec));
        if (!Double.isFinite(factor) || factor == 0 || Tolerance.sameFactor(factor, 1)
                || !ParameterSets.agree(claimed, reference, factor, tolerance)) {
            return new ArrayList<>();
        }
        return new ArrayList<>(ConstantFactor.forStep(factor, ParameterSets.allNames(spec), batch.size(), spec,
                claim.learningRate()));
    }

    /** Entries that stayed put where they should move, or moved where they should stay; nothing if others are wrong too. */
    private List<Diagnosis> entries() {
        List<String> still = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        int stillCount = 0;
        int movedCount = 0;
        for (ParameterArray a : ParameterArray.all(spec)) {
            double[] u = a.values(claimed);
            double[] r = a.values(reference);
            double floor = Tolerance.floor(r);
            List<Integer> stillHere = new ArrayList<>();
            List<Integer> movedHere = new ArrayList<>();
            for (int i = 0; i < u.length; i++) {
                if (tolerance.agrees(u[i], r[i], floor)) {
                    continue;
                }
                if (u[i] == 0) {
                    stillHere.add(i);
                } else if (r[i] == 0) {
                    movedHere.add(i);
                } else {
                    return new ArrayList<>();
                }
            }
            still.addAll(EntryRanges.of(spec, a, stillHere));
            moved.addAll(EntryRanges.of(spec, a, movedHere));
            stillCount += stillHere.size();
            movedCount += movedHere.size();
        }
        List<Diagnosis> out = new ArrayList<>();
        if (!still.isEmpty()) {
            out.add(new Diagnosis(DiagnosisKind.PARAMETERS_NOT_UPDATED, still, (double) stillCount, stillCount
                    + (stillCount == 1 ? " parameter did not move although the reference step moves it: "
                    : " parameters did not move although the reference step moves them: ")
                    + EntryRanges.sentence(still) + "; every other parameter moved as it should. The update loop does not "
                    + "reach them (check its bounds), or updates a copy of those arrays."));
        }
        if (!moved.isEmpty()) {
            out.add(new Diagnosis(DiagnosisKind.PARAMETERS_MOVED_UNEXPECTEDLY, moved, (double) movedCount, movedCount
                    + " parameter" + (movedCount == 1 ? "" : "s") + " moved although their gradient is exactly zero on "
                    + "this batch (and no L2 applies to them): " + EntryRanges.sentence(moved) + ". Typically a "
                    + "derivative that is not zero where it must be (relu'(z) = 0 for z ≤ 0), or a gradient buffer "
                    + "that is not reset between batches."));
        }
        return out;
    }
}
