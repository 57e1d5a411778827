package dev.mlp4j.gpu.opencl;

/**
 * A training set's inputs in compressed rows: for example e, its non-zero inputs are {@code columns[t]} with
 * values {@code values[t]} for t in [rowStart[e], rowStart[e+1]). Built once when a sparse set is bound, so that
 * layer 0 of every step reads only the non-zero pixels (about a fifth of an MNIST image). {@code nonZeroBlocks}
 * has, per example, one bit for each group of {@code block} consecutive inputs that holds a non-zero one
 * ({@code maskWords} ints per example), so that layer 0's weight gradient skips an example's empty groups
 * without reading them.
 */
record SparseRows(int[] rowStart, int[] columns, float[] values, int[] nonZeroBlocks, int maskWords) {
    /** Below this share of non-zero inputs the sparse forward kernel beats the dense one. */
    static final double MAX_DENSITY = 0.35;

    /** The compressed rows of the inputs, or null when they are too dense to gain from it. */
    static SparseRows of(float[] inputs, int rows, int width, int block) {
        long nonZero = 0;
        for (float v : inputs) {
            if (v != 0f) {
                nonZero++;
            }
        }
        if (rows == 0 || nonZero > MAX_DENSITY * inputs.length) {
            return null;
        }
        int blocks = (width + block - 1) / block;
        int words = (blocks + 31) / 32;
        int[] mask = new int[rows * words];
        int[] start = new int[rows + 1];
        int[] columns = new int[(int) nonZero];
        float[] values = new float[(int) nonZero];
        int t = 0;
        for (int r = 0; r < rows; r++) {
            start[r] = t;
            for (int k = 0, i = r * width; k < width; k++, i++) {
                if (inputs[i] != 0f) {
                    mask[r * words + k / block / 32] |= 1 << (k / block % 32);
                    columns[t] = k;
                    values[t] = inputs[i];
                    t++;
                }
            }
        }
        start[rows] = t;
        return new SparseRows(start, columns, values, mask, words);
    }
}
