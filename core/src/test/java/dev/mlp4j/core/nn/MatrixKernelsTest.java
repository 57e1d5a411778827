package dev.mlp4j.core.nn;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernels against plain triple loops, on dense inputs and on mostly-zero ones (which take the packed path that
 * MNIST images take, and which random dense test networks never reach).
 */
class MatrixKernelsTest {
    private static final double TOLERANCE = 1e-12;

    @Test
    void affine_and_outer_products_match_plain_loops_on_sparse_and_dense_inputs() {
        Random random = new Random(3);
        for (double zeroFraction : new double[] {0.0, 0.3, 0.8, 0.97, 1.0}) {
            int rows = 7;
            int in = 53;
            int out = 11;
            double[] a = new double[rows * in];
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextDouble() < zeroFraction ? 0 : random.nextGaussian();
            }
            double[] w = gaussian(random, out * in);
            double[] b = gaussian(random, out);
            double[] delta = gaussian(random, rows * out);

            SparseRows sparse = new SparseRows();
            double[] z = new double[rows * out];
            MatrixKernels.affine(a, rows, in, w, b, out, z, sparse);
            assertEquals(zeroFraction >= 0.8, sparse.sparse, "packing chosen for zero fraction " + zeroFraction);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < out; j++) {
                    double expected = b[j];
                    for (int k = 0; k < in; k++) {
                        expected += a[r * in + k] * w[j * in + k];
                    }
                    assertEquals(expected, z[r * out + j], TOLERANCE * (1 + Math.abs(expected)), "z[" + r + "][" + j + "]");
                }
            }

            double[] gw = new double[out * in];
            MatrixKernels.addOuterProducts(delta, rows, out, a, in, 0.5, gw, sparse, sparse.sparse);
            for (int j = 0; j < out; j++) {
                for (int k = 0; k < in; k++) {
                    double expected = 0;
                    for (int r = 0; r < rows; r++) {
                        expected += 0.5 * delta[r * out + j] * a[r * in + k];
                    }
                    assertEquals(expected, gw[j * in + k], TOLERANCE * (1 + Math.abs(expected)), "gw[" + j + "][" + k + "]");
                }
            }

            double[] back = new double[rows * in];
            MatrixKernels.backPropagate(delta, rows, out, w, in, back);
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < in; k++) {
                    double expected = 0;
                    for (int j = 0; j < out; j++) {
                        expected += delta[r * out + j] * w[j * in + k];
                    }
                    assertEquals(expected, back[r * in + k], TOLERANCE * (1 + Math.abs(expected)));
                }
            }
        }
    }

    @Test
    void a_batch_of_all_zero_rows_still_gives_the_biases() {
        SparseRows sparse = new SparseRows();
        double[] z = new double[2 * 3];
        MatrixKernels.affine(new double[2 * 4], 2, 4, new double[12], new double[] {1, 2, 3}, 3, z, sparse);
        assertTrue(sparse.sparse);
        assertEquals(3.0, z[5]);
    }

    private static double[] gaussian(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }
}
