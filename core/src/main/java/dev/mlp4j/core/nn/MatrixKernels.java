package dev.mlp4j.core.nn;

import java.util.Arrays;

/**
 * The three matrix products backprop needs, on row-major double arrays with one example per row.
 *
 * <p>The loops run over the rows of w outside and the batch's examples inside, so each row of w is read from
 * memory once per batch and then stays in the L1 cache while every example uses it. Inputs that are mostly zero
 * go through {@link SparseRows}. Sums run in a fixed order, so results repeat bit for bit.
 */
final class MatrixKernels {
    private MatrixKernels() {
    }

    /** z = a·wᵀ + b: z[r][j] = b[j] + Σ_k a[r][k] w[j][k]. a is rows×in, w is out×in, z is rows×out. */
    static void affine(double[] a, int rows, int in, double[] w, double[] b, int out, double[] z, SparseRows sparse) {
        boolean packed = sparse != null && sparse.pack(a, rows, in);
        for (int j = 0; j < out; j++) {
            int wOff = j * in;
            for (int r = 0; r < rows; r++) {
                double s = packed
                        ? sparseDot(sparse.value[r], sparse.index[r], sparse.count[r], w, wOff)
                        : dot(a, r * in, w, wOff, in);
                z[r * out + j] = s + b[j];
            }
        }
    }

    /**
     * gw[j][k] += scale · Σ_r delta[r][j] a[r][k]: the weight gradient δ·aᵀ summed over the batch. Reuses the
     * packing of a that the forward pass's {@link #affine} made when {@code packed} is true.
     */
    static void addOuterProducts(double[] delta, int rows, int out, double[] a, int in, double scale, double[] gw,
                                 SparseRows sparse, boolean packed) {
        for (int j = 0; j < out; j++) {
            int gOff = j * in;
            for (int r = 0; r < rows; r++) {
                double d = scale * delta[r * out + j];
                if (d == 0) {
                    continue;
                }
                if (packed) {
                    int[] idx = sparse.index[r];
                    double[] val = sparse.value[r];
                    for (int t = 0, n = sparse.count[r]; t < n; t++) {
                        gw[gOff + idx[t]] += d * val[t];
                    }
                } else {
                    int aOff = r * in;
                    for (int k = 0; k < in; k++) {
                        gw[gOff + k] += d * a[aOff + k];
                    }
                }
            }
        }
    }

    /** back[r][k] = Σ_j delta[r][j] w[j][k]: wᵀδ, the error sent back to the previous layer. */
    static void backPropagate(double[] delta, int rows, int out, double[] w, int in, double[] back) {
        Arrays.fill(back, 0, rows * in, 0.0);
        for (int j = 0; j < out; j++) {
            int wOff = j * in;
            for (int r = 0; r < rows; r++) {
                double d = delta[r * out + j];
                if (d == 0) {
                    continue;
                }
                int bOff = r * in;
                for (int k = 0; k < in; k++) {
                    back[bOff + k] += d * w[wOff + k];
                }
            }
        }
    }

    /** Σ_k x[xOff+k] y[yOff+k], with four partial sums so the additions do not wait on each other. */
    static double dot(double[] x, int xOff, double[] y, int yOff, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += x[xOff + k] * y[yOff + k];
            s1 += x[xOff + k + 1] * y[yOff + k + 1];
            s2 += x[xOff + k + 2] * y[yOff + k + 2];
            s3 += x[xOff + k + 3] * y[yOff + k + 3];
        }
        for (; k < n; k++) {
            s0 += x[xOff + k] * y[yOff + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ_t values[t] w[wOff + index[t]], with four partial sums as in {@link #dot}. */
    private static double sparseDot(double[] values, int[] index, int nnz, double[] w, int wOff) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 3 < nnz; t += 4) {
            s0 += values[t] * w[wOff + index[t]];
            s1 += values[t + 1] * w[wOff + index[t + 1]];
            s2 += values[t + 2] * w[wOff + index[t + 2]];
            s3 += values[t + 3] * w[wOff + index[t + 3]];
        }
        for (; t < nnz; t++) {
            s0 += values[t] * w[wOff + index[t]];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
