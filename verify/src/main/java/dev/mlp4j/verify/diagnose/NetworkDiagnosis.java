package dev.mlp4j.verify.diagnose;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.Backprop;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.verify.reference.BackpropTracer;

import java.util.List;

/**
 * Runs a network forward and backward over a few batches, without training it, and measures per layer what
 * decides whether it can learn: how its pre-activations spread, how many units saturate or die, how the gradient's
 * size changes from layer to layer, and how far one step at the learning rate would move the weights. The
 * gradient is core's {@link Backprop}'s; the pre-activations come from {@link BackpropTracer}.
 */
public final class NetworkDiagnosis {
    /** |z| beyond which a sigmoid is saturated: σ'(4) is 7 % of σ'(0). */
    static final double SIGMOID_SATURATION = 4;
    /** The same 7 % for tanh: tanh'(2) ≈ 0.07. */
    static final double TANH_SATURATION = 2;

    private NetworkDiagnosis() {
    }

    /** Diagnoses a freshly initialised network (scheme not known): advice may name an initialisation. */
    public static DiagnoseReport run(Parameters p, List<Batch> batches, double learningRate, Thresholds thresholds) {
        return run(p, batches, learningRate, thresholds, WeightsOrigin.initialised(null));
    }

    /**
     * Diagnoses {@code p}; for {@code trained} parameters (a saved model) the advice leaves initialisation out, since
     * the weights no longer are what an initialisation made them.
     */
    public static DiagnoseReport run(Parameters p, List<Batch> batches, double learningRate, Thresholds thresholds, boolean trained) {
        return run(p, batches, learningRate, thresholds, trained ? WeightsOrigin.TRAINED : WeightsOrigin.initialised(null));
    }

    /**
     * Diagnoses {@code p}, whose weights came from {@code origin}: that decides what the advice tells the user to
     * change (another --init, other training, or how to draw a hand-written network's weights).
     */
    public static DiagnoseReport run(Parameters p, List<Batch> batches, double learningRate, Thresholds thresholds, WeightsOrigin origin) {
        if (p == null || batches == null || thresholds == null || origin == null) {
            throw new InvalidInputException((p == null ? "The parameters are" : batches == null ? "The batches are"
                    : thresholds == null ? "The thresholds are" : "The weights' origin is")
                    + " null; diagnose needs parameters, batches of examples, thresholds (Thresholds.DEFAULT for the usual ones)"
                    + " and where the weights came from.");
        }
        if (batches.isEmpty()) {
            throw new InvalidInputException("Diagnose needs at least one batch of examples.");
        }
        // The update ratio scales with η: a NaN or non-positive one would hide every finding or advise raising it.
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new InvalidInputException("The learning rate is " + learningRate + "; give the finite, positive rate the network "
                    + "is to be trained at, e.g. 0.5.");
        }
        NetworkSpec spec = p.spec();
        for (int i = 0; i < batches.size(); i++) {
            Batch batch = batches.get(i);
            if (batch == null || batch.size() == 0) {
                throw new InvalidInputException("Batch " + i + " is " + (batch == null ? "null" : "empty") + "; give batches of at least one example.");
            }
            spec.requireExampleWidths(batch.inputSize(), batch.outputSize(), "batch " + i);
        }
        Measurements measured = new Measurements(p, batches.size());
        batches.forEach(measured::add);
        List<LayerStatistics> layers = measured.layers(learningRate);
        DiagnoseReport withoutFindings = measured.report(learningRate, layers, List.of());
        return measured.report(learningRate, layers, Findings.of(withoutFindings, measured.finite(), thresholds, origin));
    }
}
