package dev.mlp4j.core.data;

import dev.mlp4j.core.InvalidInputException;

import java.util.Arrays;

/**
 * Examples held once, compactly: inputs and targets as one float array each, row-major. Float, not double,
 * because a pixel needs no more and MNIST then takes 190 MB rather than 380; the reference widens each value to
 * double as it reads it. {@code labels} is the class of each example for classification data, or null for
 * regression.
 */
public final class DataSet {
    private final String name;
    private final int size;
    private final int inputSize;
    private final int outputSize;
    private final float[] inputs;
    private final float[] targets;
    private final int[] labels;

    /**
     * Wraps the given arrays after checking them. They are kept, not copied (MNIST's take 190 MB), so the caller
     * must not change them afterwards.
     *
     * @param name       what the set is called in messages
     * @param size       number of examples
     * @param inputSize  input values per example
     * @param outputSize target values per example
     * @param inputs     {@code size × inputSize} values, row-major
     * @param targets    {@code size × outputSize} values, row-major
     * @param labels     the class of each example, or null for regression data; with one output unit the classes are
     *                   0 and 1 (target ≥ 0.5 means 1), else 0 to outputSize−1 with the label's target the row's largest
     * @throws InvalidInputException when an array is null or of the wrong length, or a label is out of range or
     *                               disagrees with its example's targets
     */
    public DataSet(String name, int size, int inputSize, int outputSize, float[] inputs, float[] targets, int[] labels) {
        if (size < 0 || inputSize < 1 || outputSize < 1) {
            throw new InvalidInputException("Data set " + name + " cannot have " + size + " examples of " + inputSize + " inputs and "
                    + outputSize + " targets; give size ≥ 0 and at least one input and one target per example.");
        }
        if (inputs == null || targets == null) {
            throw new InvalidInputException("The " + (inputs == null ? "inputs" : "targets") + " of data set " + name
                    + " are null; give arrays of size × inputSize inputs and size × outputSize targets.");
        }
        if (inputs.length != (long) size * inputSize || targets.length != (long) size * outputSize
                || (labels != null && labels.length != size)) {
            throw new InvalidInputException("The arrays of data set " + name + " (" + inputs.length + " inputs, " + targets.length
                    + " targets" + (labels == null ? "" : ", " + labels.length + " labels") + ") do not match " + size + " examples of "
                    + inputSize + " -> " + outputSize + "; give size × inputSize inputs, size × outputSize targets and size labels.");
        }
        if (labels != null) {
            checkLabels(name, outputSize, targets, labels);
        }
        this.name = name;
        this.size = size;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.inputs = inputs;
        this.targets = targets;
        this.labels = labels;
    }

    /**
     * Refuses labels that scoring could not count: out of range (a crash in the confusion matrix after an epoch of
     * training), or not the class the example's targets say (an accuracy that measures nothing). A non-finite
     * target is left to {@link #firstNonFinite}, which names it better.
     */
    private static void checkLabels(String name, int outputSize, float[] targets, int[] labels) {
        int classes = Math.max(outputSize, 2);
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            if (label < 0 || label >= classes) {
                throw new InvalidInputException("Data set " + name + ": label " + label + " of example " + i + " is outside 0.."
                        + (classes - 1) + "; give labels from 0 to " + (classes - 1) + " for " + outputSize + " output"
                        + (outputSize == 1 ? "" : "s") + ".");
            }
            int row = i * outputSize;
            if (outputSize == 1) {
                float t = targets[row];
                if (Float.isFinite(t) && (t >= 0.5f) != (label == 1)) {
                    throw new InvalidInputException("Data set " + name + ": example " + i + " has label " + label + " but target " + t
                            + "; with one output, give target ≥ 0.5 for label 1 and below 0.5 for label 0.");
                }
                continue;
            }
            for (int j = 0; j < outputSize; j++) {
                if (targets[row + j] > targets[row + label]) {
                    throw new InvalidInputException("Data set " + name + ": example " + i + " has label " + label + " but its target "
                            + j + " (" + targets[row + j] + ") is larger than target " + label + " (" + targets[row + label]
                            + "); give each example the one-hot target of its label.");
                }
            }
        }
    }

    /** Classification data: targets are the one-hot vectors of the labels. */
    public static DataSet classification(String name, int inputSize, int classes, float[] inputs, int[] labels) {
        if (labels == null || classes < 2) {
            throw new InvalidInputException("Classification data " + name + " needs labels and at least 2 classes but got "
                    + (labels == null ? "null labels" : classes + " classes") + "; give each example's class, from 0 to classes − 1.");
        }
        float[] targets = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new InvalidInputException(name + ": label " + labels[i] + " of example " + i + " is outside 0.." + (classes - 1) + ".");
            }
            targets[i * classes + labels[i]] = 1f;
        }
        return new DataSet(name, labels.length, inputSize, classes, inputs, targets, labels);
    }

    public String name() {
        return name;
    }

    public int size() {
        return size;
    }

    public int inputSize() {
        return inputSize;
    }

    public int outputSize() {
        return outputSize;
    }

    public boolean isClassification() {
        return labels != null;
    }

    public int label(int i) {
        return labels[i];
    }

    /** The backing arrays (not copies), for backends that copy the whole set to a device once. Not to be modified. */
    public float[] inputArray() {
        return inputs;
    }

    public float[] targetArray() {
        return targets;
    }

    public int[] labelArray() {
        return labels;
    }

    /** Examples [from, to) as a new data set (copied, so the original can be dropped). */
    public DataSet slice(String sliceName, int from, int to) {
        return new DataSet(sliceName, to - from, inputSize, outputSize,
                Arrays.copyOfRange(inputs, from * inputSize, to * inputSize),
                Arrays.copyOfRange(targets, from * outputSize, to * outputSize),
                labels == null ? null : Arrays.copyOfRange(labels, from, to));
    }

    /** The examples {@code order[from..to)} as a batch, written into {@code reuse} when it is large enough. */
    public Batch batch(int[] order, int from, int to, Batch reuse) {
        int m = to - from;
        double[] x = reuse != null && reuse.inputs().length >= m * inputSize ? reuse.inputs() : new double[m * inputSize];
        double[] y = reuse != null && reuse.targets().length >= m * outputSize ? reuse.targets() : new double[m * outputSize];
        for (int r = 0; r < m; r++) {
            int e = order == null ? from + r : order[from + r];
            for (int k = 0, s = e * inputSize, d = r * inputSize; k < inputSize; k++) {
                x[d + k] = inputs[s + k];
            }
            for (int k = 0, s = e * outputSize, d = r * outputSize; k < outputSize; k++) {
                y[d + k] = targets[s + k];
            }
        }
        return new Batch(m, inputSize, outputSize, x, y);
    }

    /** Examples [from, to) in stored order. */
    public Batch batch(int from, int to) {
        return batch(null, from, to, null);
    }

    /**
     * The first input value that is NaN or infinite, described with its example and position, or null. Checked
     * once when data is loaded, because a single NaN pixel silently turns every parameter into NaN.
     */
    public String firstNonFinite() {
        for (int i = 0; i < inputs.length; i++) {
            if (!Float.isFinite(inputs[i])) {
                return "input " + (i % inputSize) + " of example " + (i / inputSize) + " is " + inputs[i];
            }
        }
        for (int i = 0; i < targets.length; i++) {
            if (!Float.isFinite(targets[i])) {
                return "target " + (i % outputSize) + " of example " + (i / outputSize) + " is " + targets[i];
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name + " (" + size + " examples, " + inputSize + " -> " + outputSize + ")";
    }
}
