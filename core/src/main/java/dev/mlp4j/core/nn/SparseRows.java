package dev.mlp4j.core.nn;

/**
 * The non-zero entries of a batch of input rows, row by row, so products can skip the zeros. MNIST images are
 * about 80 % zero pixels, and skipping them in the first layer is most of the reference's speed. Work storage,
 * reused from batch to batch.
 */
final class SparseRows {
    /** Rows denser than this are left dense: walking an index list would then cost more than it saves. */
    private static final double SPARSE_BELOW = 0.5;

    int rows;
    /** What the last {@link #pack} returned. */
    boolean sparse;
    int[] count = new int[0];
    int[][] index = new int[0][];
    double[][] value = new double[0][];

    /**
     * Packs the rows of a (rows × width) and returns true, or returns false when the batch is too dense for
     * packing to pay.
     */
    boolean pack(double[] a, int rows, int width) {
        if (index.length < rows || (rows > 0 && index[0].length < width)) {
            count = new int[rows];
            index = new int[rows][width];
            value = new double[rows][width];
        }
        this.rows = rows;
        long total = 0;
        for (int r = 0; r < rows; r++) {
            int n = 0;
            int[] idx = index[r];
            double[] val = value[r];
            for (int k = 0, off = r * width; k < width; k++) {
                double v = a[off + k];
                if (v != 0) {
                    idx[n] = k;
                    val[n++] = v;
                }
            }
            count[r] = n;
            total += n;
        }
        sparse = total < SPARSE_BELOW * rows * width;
        return sparse;
    }
}
