package dev.mlp4j.verify.file;

import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

import java.util.List;

/**
 * A verify file, read and checked for shape: one network as a hand-written net holds it, the examples it was run
 * on, and what the user's code computed from them. The format is described in docs/verify.md.
 *
 * @param source        the file's name, for messages
 * @param parameters    the network's weights and biases (core's layout)
 * @param batch         the example or examples
 * @param reduction     how the user's gradient combines the examples (mean when there is one example or no gradient)
 * @param gradients     the user's gradient, or null when the file has none
 * @param activations   the user's forward pass, per layer then row-major by example, or null; entry 0 (the input)
 *                      is null when the file left the input out
 * @param deltas        the user's δ per weight layer, row-major by example, or null
 * @param step          the user's training step, or null when the file has none or it could not be read
 * @param stepProblem   why the file's step could not be read (one sentence), or null
 * @param ignoredFields top-level fields the format does not know, named so that a misspelt field is noticed
 * @param readingNotes  how parts of the file were read that the format writes otherwise (vectors as numpy columns,
 *                      arrays as JavaScript typed arrays' objects), one sentence each
 */
public record VerifyFile(String source, NetworkSpec spec, Parameters parameters, Batch batch, Reduction reduction,
                         ClaimedGradients gradients, double[][] activations, double[][] deltas, StepClaim step, String stepProblem,
                         List<String> ignoredFields, List<String> readingNotes) {
    public VerifyFile {
        ignoredFields = List.copyOf(ignoredFields);
        readingNotes = List.copyOf(readingNotes);
    }

    public int examples() {
        return batch.size();
    }
}
