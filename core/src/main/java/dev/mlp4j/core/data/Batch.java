package dev.mlp4j.core.data;

/**
 * A mini-batch: {@code size} examples, their inputs and targets row-major (one example per row). The arrays are
 * the batch's own and may be reused by whoever made them once the batch has been consumed.
 */
public record Batch(int size, int inputSize, int outputSize, double[] inputs, double[] targets) {
    public Batch {
        if (inputs.length < size * inputSize || targets.length < size * outputSize) {
            throw new IllegalArgumentException("batch arrays shorter than " + size + " rows");
        }
    }
}
