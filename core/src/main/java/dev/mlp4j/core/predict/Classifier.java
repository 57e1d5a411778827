package dev.mlp4j.core.predict;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.backend.BackendInfo;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.train.Evaluator;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A trained network answering single examples: the class it picks, a probability for every class, and its raw
 * outputs. It runs on the reference backend, whatever backend trained the model.
 *
 * <p>A softmax output already is a probability distribution. Any other output layer's values are not (ten sigmoid
 * outputs need not sum to 1), so the probabilities are then the softmax of the output layer's weighted inputs z:
 * what the same network would say with a softmax output, and for a single sigmoid unit exactly its (1 − a, a).
 *
 * <p>Not thread-safe (it reuses the reference backend's buffers): give each thread a classifier of its own.
 */
public final class Classifier implements AutoCloseable {
    private static final int CHUNK = 1000;

    /**
     * One example's answer.
     *
     * @param label         the class picked: the largest output, or for one output unit 1 when it is at least 0.5
     * @param probabilities one per class (two for a single output unit), summing to 1
     * @param outputs       the output layer's activations, as the network computes them
     */
    public record Prediction(int label, double[] probabilities, double[] outputs) {
    }

    private final NetworkSpec spec;
    private final ReferenceBackend network;
    private final ReferenceBackend weightedInputs;

    /** A classifier for a loaded model, e.g. {@code Classifier.of(ModelFile.load(path))}. */
    public static Classifier of(Model model) {
        if (model == null) {
            throw new InvalidInputException("The model is null; load one with ModelFile.load(path).");
        }
        return new Classifier(model.parameters());
    }

    /** A classifier for trained parameters; they are copied, so later changes to them do not reach it. */
    public Classifier(Parameters parameters) {
        if (parameters == null) {
            throw new InvalidInputException("The parameters are null; give the trained parameters, e.g. TrainingResult.parameters().");
        }
        this.spec = parameters.spec();
        this.network = new ReferenceBackend(spec);
        network.setParameters(parameters);
        if (spec.output() == Activation.SOFTMAX) {
            weightedInputs = null;
        } else {
            // The same weights with a linear output layer give z of the output layer; the cost is irrelevant here.
            NetworkSpec linear = new NetworkSpec(spec.layers(), spec.hiddenActivations(), Activation.LINEAR, Cost.QUADRATIC);
            weightedInputs = new ReferenceBackend(linear);
            weightedInputs.setParameters(parameters.copyFor(linear));
        }
    }

    /** What the probabilities are, in words for a user. */
    public String probabilitiesMeaning() {
        if (weightedInputs == null) {
            return "the softmax output layer's values";
        }
        if (spec.outputSize() == 1) {
            return "(1 - p, p) with p the logistic of the output unit's weighted input (the output layer is "
                    + spec.output().id() + ", one unit)";
        }
        return "softmax of the output layer's weighted inputs (the output layer is " + spec.output().id()
                + ", not softmax, so its values do not sum to 1)";
    }

    /**
     * Classifies one example of {@code spec().inputSize()} values, scaled as the training data was (MNIST: pixels
     * in [0, 1]).
     */
    public Prediction classify(float[] example) {
        return classify(Collections.singletonList(example))[0];
    }

    /** Classifies examples of {@code spec().inputSize()} values each; answers in the same order. */
    public Prediction[] classify(List<float[]> examples) {
        int in = spec.inputSize();
        int out = spec.outputSize();
        requireExamples(examples, in);
        Prediction[] result = new Prediction[examples.size()];
        for (int from = 0; from < examples.size(); from += CHUNK) {
            int to = Math.min(examples.size(), from + CHUNK);
            int m = to - from;
            double[] x = new double[m * in];
            for (int r = 0; r < m; r++) {
                float[] e = examples.get(from + r);
                for (int k = 0; k < in; k++) {
                    x[r * in + k] = e[k];
                }
            }
            Batch batch = new Batch(m, in, out, x, new double[m * out]);
            double[] a = network.forward(batch);
            double[] z = weightedInputs == null ? null : weightedInputs.forward(batch);
            for (int r = 0; r < m; r++) {
                double[] outputs = Arrays.copyOfRange(a, r * out, (r + 1) * out);
                double[] p = z == null ? outputs.clone() : probabilities(z, r * out, out);
                result[from + r] = new Prediction(Evaluator.predictedClass(a, r * out, out), p, outputs);
            }
        }
        return result;
    }

    /** Refused before any work: a short row would be read past its end, a NaN would come back as NaN probabilities. */
    private static void requireExamples(List<float[]> examples, int in) {
        if (examples == null) {
            throw new InvalidInputException("The list of examples is null; give a list of float arrays of " + in + " values each.");
        }
        for (int i = 0; i < examples.size(); i++) {
            float[] e = examples.get(i);
            if (e == null || e.length != in) {
                throw new InvalidInputException("Example " + i + " has " + (e == null ? "no values (null)" : e.length + " values")
                        + " but the network takes " + in + "; give each example " + in + " values.");
            }
            for (int k = 0; k < in; k++) {
                if (!Float.isFinite(e[k])) {
                    throw new InvalidInputException("Value " + k + " of example " + i + " is " + e[k] + "; every value must be a finite number.");
                }
            }
        }
    }

    private static double[] probabilities(double[] z, int offset, int length) {
        double[] row = Arrays.copyOfRange(z, offset, offset + length);
        if (length == 1) {
            double p = 1 / (1 + Math.exp(-row[0]));
            return new double[] {1 - p, p};
        }
        double[] p = new double[length];
        Activation.SOFTMAX.apply(row, p, 0, length);
        return p;
    }

    /** What runs the network: the reference, whatever backend the model was trained on. */
    public BackendInfo backend() {
        return network.info();
    }

    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        network.close();
        if (weightedInputs != null) {
            weightedInputs.close();
        }
    }
}
