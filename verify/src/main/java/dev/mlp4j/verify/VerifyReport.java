package dev.mlp4j.verify;

import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.verify.compare.ArrayComparison;
import dev.mlp4j.verify.compare.Tolerance;
import dev.mlp4j.verify.file.Reduction;
import dev.mlp4j.verify.mistake.Diagnosis;

import java.util.List;

/**
 * What verify found: each array the file gave against the reference, the mistakes the numbers point to, and notes
 * (fields ignored, things that could not be checked). Lists of arrays the file did not give are empty.
 *
 * @param activations the forward pass, one entry per layer given
 * @param deltas      δ per weight layer
 * @param gradients   the gradient, weights[0], biases[0], weights[1], …
 * @param step        the training step's change (after − before) per array, in the same order
 * @param match       true when everything the file gave agrees with the reference
 */
public record VerifyReport(String source, NetworkSpec spec, int examples, Reduction reduction, Tolerance tolerance,
                           List<ArrayComparison> activations, List<ArrayComparison> deltas,
                           List<ArrayComparison> gradients, List<ArrayComparison> step,
                           List<Diagnosis> diagnoses, List<String> notes, boolean match) {
    public VerifyReport {
        activations = List.copyOf(activations);
        deltas = List.copyOf(deltas);
        gradients = List.copyOf(gradients);
        step = List.copyOf(step);
        diagnoses = List.copyOf(diagnoses);
        notes = List.copyOf(notes);
    }
}
