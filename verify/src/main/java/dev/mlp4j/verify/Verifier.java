package dev.mlp4j.verify;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Setting;
import dev.mlp4j.core.SettingWords;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Backprop;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.verify.compare.ArrayComparison;
import dev.mlp4j.verify.compare.ForwardComparison;
import dev.mlp4j.verify.compare.ParameterSets;
import dev.mlp4j.verify.compare.Tolerance;
import dev.mlp4j.verify.file.ClaimedGradients;
import dev.mlp4j.verify.file.ParameterArray;
import dev.mlp4j.verify.file.Reduction;
import dev.mlp4j.verify.file.StepClaim;
import dev.mlp4j.verify.file.VerifyFile;
import dev.mlp4j.verify.file.VerifyFileReader;
import dev.mlp4j.verify.mistake.Diagnosis;
import dev.mlp4j.verify.mistake.DiagnosisKind;
import dev.mlp4j.verify.mistake.GradientBugPatterns;
import dev.mlp4j.verify.mistake.StepBugPatterns;
import dev.mlp4j.verify.reference.BackpropMistake;
import dev.mlp4j.verify.reference.BackpropTracer;
import dev.mlp4j.verify.reference.StepRule;
import dev.mlp4j.verify.reference.Trace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a verify file against the reference: the forward pass and δ when given, the gradient, and with
 * {@link #verifyStep} the training step. The reference gradient is core's {@link Backprop}'s, at the file's
 * parameters, on the file's examples, reduced as the file declares.
 */
public final class Verifier {
    /** A tolerance that float32 arithmetic meets on the networks people verify. */
    static final double FLOAT32_TOLERANCE = 1e-3;  // said as "1e-3" in the note that suggests it

    private Verifier() {
    }

    /** Checks the file's gradient, forward pass and δ, whichever it gives; its advice names settings as Java does. */
    public static VerifyReport verify(VerifyFile file, Tolerance tolerance) {
        return verify(file, tolerance, SettingWords.JAVA);
    }

    /** Checks the file's gradient, forward pass and δ, whichever it gives; its advice names settings in {@code words}. */
    public static VerifyReport verify(VerifyFile file, Tolerance tolerance, SettingWords words) {
        if (file.gradients() == null && file.activations() == null && file.deltas() == null) {
            String near = VerifyFileReader.nearest("gradients", file.ignoredFields());
            throw new InvalidInputException(file.source() + ": 'gradients' is missing"
                    + (near != null ? ", but the file has '" + near + "' (misspelt?)"
                    : ", and so are 'activations' and 'deltas': there is nothing to verify")
                    + (file.step() != null || file.stepProblem() != null ? "; to check the training step the file records, use verify --step." : "."));
        }
        return check(file, tolerance, false, words);
    }

    /** Checks the file's training step, and its gradient, forward pass and δ where given; advice as Java says it. */
    public static VerifyReport verifyStep(VerifyFile file, Tolerance tolerance) {
        return verifyStep(file, tolerance, SettingWords.JAVA);
    }

    /** Checks the file's training step, and its gradient, forward pass and δ where given; advice in {@code words}. */
    public static VerifyReport verifyStep(VerifyFile file, Tolerance tolerance, SettingWords words) {
        if (file.stepProblem() != null) {
            throw new InvalidInputException(file.stepProblem());
        }
        if (file.step() == null) {
            throw new InvalidInputException(file.source() + ": 'after' is missing: verify --step needs the parameters "
                    + "'before' and 'after' one step, its 'learningRate', and the batch in 'inputs'/'targets'.");
        }
        return check(file, tolerance, true, words);
    }

    private static VerifyReport check(VerifyFile file, Tolerance tolerance, boolean withStep, SettingWords words) {
        VerifyReport report = compare(file, tolerance, withStep, words);
        if (report.match()) {
            return report;
        }
        StepClaim step = file.step();
        if (withStep && step.velocityBefore() != null && step.momentum() > 0) {
            // PyTorch's SGD keeps v ← μv + ∇C and steps w ← w − ηv: its v is the file's velocity divided by −η.
            StepClaim perGradient = new StepClaim(step.learningRate(), step.momentum(), step.l2(), step.n(), step.before(), step.after(),
                    ParameterSets.times(step.velocityBefore(), -step.learningRate()));
            if (compare(readOtherwise(file, file.parameters(), file.gradients(), perGradient), tolerance, true, words).match()) {
                return withDiagnosis(report, file, tolerance, new Diagnosis(DiagnosisKind.VELOCITY_PER_GRADIENT, List.of("velocityBefore"),
                        -step.learningRate(), "Your velocity follows v ← μv + ∇C, w ← w − ηv (PyTorch's SGD); read as −η·v it agrees "
                        + "everywhere, so the step is right. In the file 'velocityBefore' is the step itself (v ← μv − η∇C; w ← w + v):"
                        + " write −η times your velocity there."));
            }
        }
        if (!hasSquareWeights(file.spec())) {
            return report;
        }
        // A square matrix dumped [to][from] (Nielsen's w[l], written without .T) passes the reader's shape check; read
        // the other way round, do the numbers agree? Then that, not the backward pass, is what to fix.
        VerifyReport other = compare(squareTransposed(file), tolerance, withStep, words);
        if (!other.match()) {
            return report;
        }
        return withDiagnosis(report, file, tolerance, new Diagnosis(DiagnosisKind.WEIGHTS_STORED_TO_FROM, squareWeightNames(file.spec()), null,
                "Your square weight matrices are stored [to][from], as Nielsen's w[l] is (one row per neuron of the next layer): "
                        + "read the other way round, everything in the file agrees with the reference. The file's layout is "
                        + "weights[i][j][k] from neuron j of layer i to neuron k of layer i+1, so write w.T.tolist() (and the "
                        + "same for every weight gradient and step) in the file."));
    }

    /** {@code report}'s comparisons, explained by one diagnosis about how the file is written rather than the code. */
    private static VerifyReport withDiagnosis(VerifyReport report, VerifyFile file, Tolerance tolerance, Diagnosis d) {
        return new VerifyReport(report.source(), report.spec(), report.examples(), report.reduction(), tolerance, report.activations(),
                report.deltas(), report.gradients(), report.step(), List.of(d), fileNotes(file), false);
    }

    /** What reading the file left to say: fields ignored, layouts read as something else. */
    private static List<String> fileNotes(VerifyFile file) {
        List<String> notes = new ArrayList<>();
        for (String field : file.ignoredFields()) {
            notes.add("Ignored the field '" + field + "', which verify files do not have (misspelt?).");
        }
        notes.addAll(file.readingNotes());
        if (file.stepProblem() != null) {
            notes.add("The step was not read, which only verify --step needs: " + file.stepProblem());
        }
        return notes;
    }

    private static boolean hasSquareWeights(NetworkSpec spec) {
        return !squareWeightNames(spec).isEmpty();
    }

    private static List<String> squareWeightNames(NetworkSpec spec) {
        List<String> names = new ArrayList<>();
        for (int l = 0; l < spec.depth(); l++) {
            if (spec.size(l) == spec.size(l + 1)) {
                names.add(new ParameterArray(true, l).name());
            }
        }
        return names;
    }

    /** The file with every square weight matrix (parameters, gradient, step) read the other way round. */
    private static VerifyFile squareTransposed(VerifyFile f) {
        ClaimedGradients g = f.gradients() == null ? null
                : new ClaimedGradients(ParameterSets.squareTransposed(f.gradients().values()), f.gradients().transposedWeights());
        StepClaim s = f.step() == null ? null : new StepClaim(f.step().learningRate(), f.step().momentum(), f.step().l2(), f.step().n(),
                ParameterSets.squareTransposed(f.step().before()), ParameterSets.squareTransposed(f.step().after()),
                ParameterSets.squareTransposed(f.step().velocityBefore()));
        return readOtherwise(f, ParameterSets.squareTransposed(f.parameters()), g, s);
    }

    /** {@code f} with its parameters, gradient and step read another way; the rest as it is. */
    private static VerifyFile readOtherwise(VerifyFile f, Parameters parameters, ClaimedGradients gradients, StepClaim step) {
        return new VerifyFile(f.source(), f.spec(), parameters, f.batch(), f.reduction(), gradients, f.activations(), f.deltas(), step,
                f.stepProblem(), f.ignoredFields(), f.readingNotes());
    }

    private static VerifyReport compare(VerifyFile file, Tolerance tolerance, boolean withStep, SettingWords words) {
        NetworkSpec spec = file.spec();
        List<String> notes = fileNotes(file);
        List<Diagnosis> diagnoses = new ArrayList<>();
        Trace trace = BackpropTracer.trace(file.parameters(), file.batch(), BackpropMistake.NONE);

        List<ArrayComparison> activations = file.activations() == null ? List.of()
                : ForwardComparison.activations(file, trace, tolerance);
        activations.stream().filter(c -> !c.agrees()).findFirst().ifPresent(c -> diagnoses.add(forwardPassDiffers(c)));
        List<ArrayComparison> deltas = file.deltas() == null ? List.of() : ForwardComparison.deltas(file, trace, tolerance);
        List<ArrayComparison> gradients = file.gradients() == null ? List.of()
                : compareGradient(file, tolerance, deltas, diagnoses, notes);
        List<ArrayComparison> step = withStep ? compareStep(file, tolerance, diagnoses, notes) : List.of();

        if (withStep && agree(step)) {
            // A step that agrees while the gradient is its negative: the code keeps −∇C and adds it, which is right.
            diagnoses.replaceAll(d -> d.kind() == DiagnosisKind.SIGN_FLIPPED && d.arrays().equals(ParameterSets.allNames(spec))
                    ? new Diagnosis(DiagnosisKind.NEGATIVE_GRADIENT_STORED, d.arrays(), -1.0, "Your 'gradients' are −∂C/∂w and −∂C/∂b, "
                    + "and your step agrees with the reference: your code keeps the negative gradient and adds it (w ← w + η·g), "
                    + "which is right. In the file 'gradients' hold +∂C/∂w: write the negative of yours.") : d);
        }
        boolean match = agree(activations) && agree(deltas) && agree(gradients) && agree(step)
                && (file.gradients() == null || file.gradients().transposedWeights().isEmpty());
        if (!match && diagnoses.isEmpty()) {
            localise(spec, gradients, notes);
            if (spec.output() == Activation.SOFTMAX && spec.cost() == Cost.CROSS_ENTROPY) {
                notes.add("With a softmax output, \"cross-entropy\" is −Σ [y ln a + (1 − y) ln(1 − a)] over the outputs; if your "
                        + "cost is −Σ y ln a (often called categorical cross-entropy), set \"cost\": \"log-likelihood\".");
            }
            notes.add(unexplained(file, tolerance, withStep, activations, deltas, gradients, step, words));
        }
        return new VerifyReport(file.source(), spec, file.examples(), file.reduction(), tolerance, activations, deltas,
                gradients, step, diagnoses, notes, match);
    }

    private static boolean agree(List<ArrayComparison> comparisons) {
        return comparisons.stream().allMatch(ArrayComparison::agrees);
    }

    /** The diagnosis for the first layer whose activations differ: nothing computed from them can agree. */
    private static Diagnosis forwardPassDiffers(ArrayComparison firstWrongLayer) {
        ArrayComparison.Mismatch m = firstWrongLayer.first().get(0);
        return new Diagnosis(DiagnosisKind.FORWARD_PASS_DIFFERS, List.of(firstWrongLayer.name()), null,
                "The forward pass already differs at " + firstWrongLayer.name() + " (" + m.entry() + " is " + m.claimed()
                        + ", the reference has " + m.expected() + "); gradients computed from other activations cannot "
                        + "agree, so fix this first. Each layer is a = σ(z) with z_k = b_k + Σ_j w[j][k]·a_j.");
    }

    /** The file's gradient against the reference; adds the mistakes that explain it and what agreeing δ tell. */
    private static List<ArrayComparison> compareGradient(VerifyFile file, Tolerance tolerance, List<ArrayComparison> deltas,
                                                         List<Diagnosis> diagnoses, List<String> notes) {
        Parameters reference = referenceGradient(file.parameters(), file.batch(), file.reduction());
        Parameters claimed = file.gradients().values();
        List<ArrayComparison> gradients = compare(file.spec(), claimed, reference, file.gradients().transposedWeights(), tolerance);
        diagnoses.addAll(new GradientBugPatterns(file.parameters(), file.batch(), file.reduction(), claimed, reference,
                tolerance).explain(file.gradients().transposedWeights()));
        if (!agree(gradients) && !deltas.isEmpty() && agree(deltas)) {
            notes.add("Your δ agree with the reference, so the mistake is in forming the gradient from them: "
                    + "∂C/∂b = δ and ∂C/∂w[i][j][k] = a_j of layer i · δ_k of layer i+1, "
                    + (file.reduction() == Reduction.MEAN ? "averaged" : "summed") + " over the batch.");
        }
        return gradients;
    }

    /** The file's step against the reference step; adds the mistakes that explain it, those named already left out. */
    private static List<ArrayComparison> compareStep(VerifyFile file, Tolerance tolerance, List<Diagnosis> diagnoses,
                                                     List<String> notes) {
        StepClaim claim = file.step();
        // A step is one step on the batch's mean gradient whatever form the file's gradient takes: that is
        // the update every mini-batch SGD (Nielsen's update_mini_batch included) makes.
        Parameters gradient = referenceGradient(claim.before(), file.batch(), Reduction.MEAN);
        StepRule rule = new StepRule(claim.learningRate(), claim.momentum(), claim.l2Scale(), false);
        Parameters reference = rule.delta(claim.before(), gradient, claim.velocityBefore());
        Parameters claimed = ParameterSets.minus(claim.after(), claim.before());
        List<ArrayComparison> step = compare(file.spec(), claimed, reference, Set.of(), tolerance);
        // A gradient mistake the gradient check named shows in the step too: named once.
        Set<DiagnosisKind> named = new HashSet<>();
        diagnoses.forEach(d -> named.add(d.kind()));
        new StepBugPatterns(claim, file.batch(), gradient, claimed, reference, rule, tolerance).explain().stream()
                .filter(d -> !named.contains(d.kind())).forEach(diagnoses::add);
        if (claim.momentum() > 0 && claim.velocityBefore() == null) {
            notes.add("With momentum and no 'velocityBefore' the velocity is taken as zero, and then a step with "
                    + "momentum equals a plain SGD step: give 'velocityBefore' to check the momentum term.");
        }
        return step;
    }

    /** What to do next when numbers disagree and no known mistake reproduces them. */
    private static String unexplained(VerifyFile file, Tolerance tolerance, boolean withStep, List<ArrayComparison> activations,
                                      List<ArrayComparison> deltas, List<ArrayComparison> gradients, List<ArrayComparison> step,
                                      SettingWords words) {
        if (tolerance.relative() < FLOAT32_TOLERANCE && float32Disagreement(file, activations, deltas, gradients, step)) {
            // Rounding, not a mistake, until a float32 tolerance says otherwise: the advice below would mislead.
            return "The numbers that disagree are float32 (exactly representable in 32 bits): float32 arithmetic "
                    + "differs from the reference by rounding of about 1e-7 per operation, which adds up; run again with "
                    + words.write(Setting.TOLERANCE, "1e-3") + " to compare at float32's precision.";
        }
        if (withStep && !gradients.isEmpty() && agree(gradients)
                && file.step().momentum() > 0 && file.step().velocityBefore() == null) {
            return "No known mistake reproduces these numbers. Your gradient agrees with the reference; with momentum and "
                    + "no 'velocityBefore' the step is checked as a first step (v = 0), so unless yours was the first, give "
                    + "'velocityBefore' before looking for a mistake in the update.";
        }
        if (withStep && !gradients.isEmpty() && agree(gradients)) {
            return "No known mistake reproduces these numbers. Your gradient agrees with the reference, so the mistake is "
                    + "in the update: compare it with v ← μv − η(∇C + (λ/n)w); w ← w + v, on the batch's mean gradient "
                    + "(the biases without the L2 term; with no momentum, w ← w − η(∇C + (λ/n)w)).";
        }
        if (withStep && gradients.isEmpty()) {
            return "No known mistake reproduces these numbers; add 'gradients' (your backprop's output on this batch) to "
                    + "the file to tell a wrong gradient from a wrong update.";
        }
        return "No known mistake reproduces these numbers; compare the first disagreeing entries above with your code"
                + missingFields(file) + ".";
    }

    /** ", or add 'x' and 'y' to the file …" for what the file leaves out that would show more; empty when it has all. */
    private static String missingFields(VerifyFile file) {
        List<String> missing = new ArrayList<>();
        if (file.gradients() == null) {
            missing.add("'gradients'");
        }
        if (file.activations() == null) {
            missing.add("'activations'");
        }
        if (file.deltas() == null) {
            missing.add("'deltas'");
        }
        return missing.isEmpty() ? "" : ", or add " + and(missing) + " to the file to see where the numbers part";
    }

    /** "a", "a and b", "a, b and c". */
    private static String and(List<String> items) {
        int n = items.size();
        return n == 1 ? items.get(0) : String.join(", ", items.subList(0, n - 1)) + " and " + items.get(n - 1);
    }

    /**
     * Whether every array that disagrees holds numbers the user's code wrote as float32 (exactly representable in 32
     * bits), so that the disagreement may be float32 rounding: a net may keep some arrays (its biases, say) in
     * Float32Array and others in doubles.
     */
    static boolean float32Disagreement(VerifyFile file, List<ArrayComparison> activations, List<ArrayComparison> deltas,
                                       List<ArrayComparison> gradients, List<ArrayComparison> step) {
        List<ArrayComparison> compared = new ArrayList<>();
        List<double[]> claimed = new ArrayList<>();
        if (!activations.isEmpty()) {
            int skip = file.activations().length - activations.size();
            for (int i = 0; i < activations.size(); i++) {
                compared.add(activations.get(i));
                claimed.add(file.activations()[i + skip]);
            }
        }
        for (int l = 0; l < deltas.size(); l++) {
            compared.add(deltas.get(l));
            claimed.add(file.deltas()[l]);
        }
        List<ParameterArray> arrays = ParameterArray.all(file.spec());
        for (int i = 0; i < gradients.size(); i++) {
            compared.add(gradients.get(i));
            claimed.add(arrays.get(i).values(file.gradients().values()));
        }
        for (int i = 0; i < step.size(); i++) {
            compared.add(step.get(i));
            claimed.add(arrays.get(i).values(file.step().after()));
        }
        boolean any = false;
        for (int i = 0; i < compared.size(); i++) {
            if (!compared.get(i).agrees()) {
                if (!float32(claimed.get(i))) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** Whether every number of {@code values} is exactly a float32, and some of them say so. */
    private static boolean float32(double[] values) {
        int telling = 0;
        for (double v : values) {
            if ((double) (float) v != v) {
                return false;
            }
            // Zeros, halves and the like are floats in any precision; only the others tell float32 from float64.
            if (v != Math.scalb(Math.rint(Math.scalb(v, 8)), -8)) {
                telling++;
            }
        }
        return telling > 0;
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
