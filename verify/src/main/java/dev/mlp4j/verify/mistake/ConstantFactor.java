package dev.mlp4j.verify.mistake;

import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.verify.compare.Tolerance;
import dev.mlp4j.verify.file.Reduction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Names a constant factor between the user's numbers and the reference's: the sign, and the magnitude when it is
 * one a known mistake produces (the batch size, the learning rate, the quadratic cost's 2), else just the number.
 */
final class ConstantFactor {
    private ConstantFactor() {
    }

    /**
     * What a gradient that is {@code factor} times the reference's in {@code arrays} says; {@code whole} when
     * those are all of the network's arrays.
     */
    static List<Diagnosis> forGradient(double factor, List<String> arrays, boolean whole, int examples,
                                       Reduction reduction, NetworkSpec spec) {
        List<Diagnosis> out = new ArrayList<>();
        String subject = whole ? "The gradient" : "The " + String.join(", ", arrays) + " gradient" + (arrays.size() > 1 ? "s" : "");
        if (factor < 0) {
            out.add(new Diagnosis(DiagnosisKind.SIGN_FLIPPED, arrays, -1.0, subject + (arrays.size() > 1 && !whole ? " have" : " has")
                    + " the wrong sign: a step along it climbs the cost. The output δ is probably y − a where it should be a − y."));
        }
        double size = Math.abs(factor);
        if (Tolerance.sameFactor(size, 1)) {
            return out;
        }
        String times = subject + (arrays.size() > 1 && !whole ? " are " : " is ") + number(size) + " times the reference";
        out.add(named(batchOrCost(size, examples, reduction, spec, times), arrays, size, times, whole
                ? "A different learning rate would hide it, but the gradient itself is off."
                : "Every array must be formed the same way; compare how these are computed with the others."));
        return out;
    }

    /** What a step that is {@code factor} times the reference step (on the batch mean) says. */
    static List<Diagnosis> forStep(double factor, List<String> arrays, int examples, NetworkSpec spec, double learningRate) {
        List<Diagnosis> out = new ArrayList<>();
        if (factor < 0) {
            out.add(new Diagnosis(DiagnosisKind.SIGN_FLIPPED, arrays, -1.0, "The step goes up the gradient (w + η∇C "
                    + "instead of w − η∇C): gradient ascent, so the cost grows. Subtract η times the gradient."));
        }
        double size = Math.abs(factor);
        if (Tolerance.sameFactor(size, 1)) {
            return out;
        }
        String times = "The step is " + number(size) + " times the reference step";
        List<Reading> readings = new ArrayList<>();
        if (!Tolerance.sameFactor(learningRate, 1) && Tolerance.sameFactor(size, learningRate)) {
            readings.add(new Reading(DiagnosisKind.LEARNING_RATE_TWICE, size, times + ", η = " + number(learningRate)
                    + ": the learning rate is applied twice (once in the gradient, once in the update).",
                    "the learning rate applied twice (η = " + number(learningRate) + ")"));
        }
        if (!Tolerance.sameFactor(learningRate, 1) && Tolerance.sameFactor(size, 1 / learningRate)) {
            readings.add(new Reading(DiagnosisKind.LEARNING_RATE_MISSING, size, times + ", 1/η: the learning rate η = "
                    + number(learningRate) + " is not applied; the update must be w − η∇C.", "the learning rate left out (1/η)"));
        }
        readings.addAll(batchOrCost(size, examples, Reduction.MEAN, spec, times));
        out.add(named(readings, arrays, size, times, "Scale the update to w − η∇C."));
        return out;
    }

    /** One way to read a factor: the diagnosis when it is the reading named, and a clause when another is. */
    private record Reading(DiagnosisKind kind, double value, String message, String clause) {
    }

    /**
     * The first reading, with the others that give the same factor named beside it (η = 0.1 at batch 10 makes
     * "η twice" and "divided by the batch twice" the same number); a plain constant factor when none fits.
     */
    private static Diagnosis named(List<Reading> readings, List<String> arrays, double size, String times, String otherAdvice) {
        if (readings.isEmpty()) {
            return new Diagnosis(DiagnosisKind.CONSTANT_FACTOR, arrays, size, times + "; no known mistake gives "
                    + number(size) + ". " + otherAdvice);
        }
        Reading first = readings.get(0);
        String also = readings.size() == 1 ? "" : " The same factor also fits "
                + String.join(", or ", readings.subList(1, readings.size()).stream().map(Reading::clause).toList())
                + ": check that too, or verify a batch of another size (or at another learning rate) to tell them apart.";
        return new Diagnosis(first.kind(), arrays, first.value(), first.message() + also);
    }

    private static List<Reading> batchOrCost(double size, int examples, Reduction reduction, NetworkSpec spec, String times) {
        List<Reading> readings = new ArrayList<>();
        Cost cost = spec.cost();
        int outputs = spec.outputSize();
        if (examples > 1 && reduction == Reduction.MEAN && Tolerance.sameFactor(size, examples)) {
            readings.add(new Reading(DiagnosisKind.SUMMED_NOT_AVERAGED, examples, times + ", the batch size "
                    + examples + ": the examples' gradients are summed, not averaged. Divide by the batch size, or declare "
                    + "\"reduction\": \"sum\" if the sum is meant.", "the examples summed, not averaged (batch size " + examples + ")"));
        }
        if (examples > 1 && reduction == Reduction.MEAN && Tolerance.sameFactor(size, 1.0 / examples)) {
            readings.add(new Reading(DiagnosisKind.DIVIDED_BY_BATCH_TWICE, size, times + ", 1/" + examples
                    + ": the batch mean is divided by the batch size a second time.", "the batch mean divided by the batch size again (1/"
                    + examples + ")"));
        }
        if (examples > 1 && reduction == Reduction.SUM && Tolerance.sameFactor(size, 1.0 / examples)) {
            readings.add(new Reading(DiagnosisKind.AVERAGED_NOT_SUMMED, size, times + ", 1/" + examples
                    + ": the examples' gradients are averaged although the file declares \"reduction\": \"sum\".",
                    "the examples averaged although \"sum\" is declared (1/" + examples + ")"));
        }
        if (cost == Cost.QUADRATIC && Tolerance.sameFactor(size, 2)) {
            readings.add(new Reading(DiagnosisKind.COST_HALF_MISSING, 2.0, times + ": the quadratic cost is ½‖a − y‖², "
                    + "whose gradient is a − y, not 2(a − y). Drop the factor 2, or keep it and halve the learning rate.",
                    "a forgotten ½ in the quadratic cost (2)"));
        }
        if (cost == Cost.QUADRATIC && outputs > 1 && (Tolerance.sameFactor(size, 2.0 / outputs) || Tolerance.sameFactor(size, 1.0 / outputs))) {
            // Keras' and PyTorch's MSE average over the outputs; a gradient right for that cost differs by this factor.
            boolean half = Tolerance.sameFactor(size, 1.0 / outputs);
            readings.add(new Reading(DiagnosisKind.MEAN_OVER_OUTPUTS, size, times + ", " + (half ? "1/" : "2/") + outputs
                    + " for " + outputs + " outputs: your cost is the " + (half ? "halved " : "") + "mean squared error over the outputs, "
                    + (half ? "(1/2n)" : "(1/n)") + " Σ (a − y)², while the quadratic cost is ½‖a − y‖², summed. For that cost your "
                    + "gradient is right; to verify it, multiply it by " + number(1 / size) + " in the file (or drop the 1/n"
                    + (half ? "" : " and the 2") + " from your cost).", "the mean squared error over the " + outputs + " outputs ("
                    + (half ? "1/" : "2/") + outputs + ")"));
        }
        return readings;
    }

    /** A factor as a person writes it: 4, 0.25, 0.196612. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
