package dev.mlp4j.gpu;

/**
 * A training set's inputs in compressed rows: for example e, its non-zero inputs are {@code columns[t]} with
 * values {@code values[t]} for t in [rowStart[e], rowStart[e+1]). Built once when a sparse set is bound, so that
 * layer 0 of every step reads only the non-zero pixels (about a fifth of an MNIST image).
 */
record SparseRows(int[] rowStart, int[] columns, float[] values) {
    /** Below this share of non-zero inputs the sparse forward kernel beats the dense one. */
    static final double MAX_DENSITY = 0.35;

    /** The compressed rows of the inputs, or null when they are too dense to gain from it. */
    static SparseRows of(float[] inputs, int rows, int width) {
        long nonZero = 0;
        for (float v : inputs) {
            if (v != 0f) {
                nonZero++;
            }
        }
        if (rows == 0 || nonZero > MAX_DENSITY * inputs.length) {
            return null;
        }
        int[] start = new int[rows + 1];
        int[] columns = new int[(int) nonZero];
        float[] values = new float[(int) nonZero];
        int t = 0;
        for (int r = 0; r < rows; r++) {
            start[r] = t;
            for (int k = 0, i = r * width; k < width; k++, i++) {
                if (inputs[i] != 0f) {
                    columns[t] = k;
                    values[t] = inputs[i];
                    t++;
                }
            }
        }
        start[rows] = t;
        return new SparseRows(start, columns, values);
    }
}
