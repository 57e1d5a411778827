package dev.mlp4j.cpu;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

import java.io.IOException;
import java.nio.FloatBuffer;

/**
 * The few OpenBLAS calls the cpu backend makes, on direct buffers: JavaCPP passes a direct buffer's address, where
 * a Java array would be copied in and out on every call.
 *
 * <p>OpenBLAS runs one thread per core. The backend's own element-wise passes run between its calls, never beside
 * them, so the two never compete for the cores.
 */
final class OpenBlas {
    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    private OpenBlas() {
    }

    /**
     * Loads the bundled natives (extracting them once into JavaCPP's cache) and gives OpenBLAS a thread per core, or
     * as many as OPENBLAS_NUM_THREADS says: on a machine whose cores other work takes, a two-thread sgemm waits at every
     * call for the thread that lost its core, and fewer threads is OpenBLAS's own remedy for that.
     */
    static Loaded load() {
        Loader.load(openblas_nolapack.class);
        openblas_nolapack.blas_set_num_threads(threads(System.getenv("OPENBLAS_NUM_THREADS"), Runtime.getRuntime().availableProcessors()));
        return new Loaded(version(), openblas_nolapack.blas_get_num_threads());
    }

    /** OPENBLAS_NUM_THREADS when it is a whole number from 1 to the cores, as OpenBLAS reads it; else the cores. */
    static int threads(String fromEnvironment, int cores) {
        try {
            int n = fromEnvironment == null ? cores : Integer.parseInt(fromEnvironment.strip());
            return n >= 1 && n <= cores ? n : cores;
        } catch (NumberFormatException e) {
            return cores;
        }
    }

    /**
     * What was loaded.
     *
     * @param version OpenBLAS's version, e.g. "0.3.31"
     * @param threads the threads OpenBLAS runs its products on
     */
    record Loaded(String version, int threads) {
        String device() {
            return "OpenBLAS " + version + " on " + threads + (threads == 1 ? " core" : " cores") + " (float32)";
        }
    }

    /** The version of the bundled OpenBLAS, from the JavaCPP artifact's "0.3.31-1.5.13" (OpenBLAS, then JavaCPP). */
    private static String version() {
        String artifact;
        try {
            artifact = Loader.getVersion("org.bytedeco", "openblas");
        } catch (IOException e) {
            artifact = null;
        }
        if (artifact == null) {
            return "(version unknown)";
        }
        int dash = artifact.indexOf('-');
        return dash < 0 ? artifact : artifact.substring(0, dash);
    }

    /** C (m×n) = alpha · A·Bᵀ + beta · C, A m×k and B n×k, all row-major. */
    static void timesTransposed(int m, int n, int k, float alpha, FloatBuffer a, FloatBuffer b, float beta, FloatBuffer c) {
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, TRANS, m, n, k, alpha, a, k, b, k, beta, c, n);
    }

    /** C (m×n) = A·B, A m×k and B k×n, row-major. */
    static void times(int m, int n, int k, FloatBuffer a, FloatBuffer b, FloatBuffer c) {
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, m, n, k, 1f, a, k, b, n, 0f, c, n);
    }

    /** C (m×n) = alpha · Aᵀ·B + beta · C, A k×m and B k×n, row-major: a sum of k outer products. */
    static void transposedTimes(int m, int n, int k, float alpha, FloatBuffer a, FloatBuffer b, float beta, FloatBuffer c) {
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, TRANS, NO_TRANS, m, n, k, alpha, a, m, b, n, beta, c, n);
    }

    /** y (n) = alpha · Aᵀ·x + beta · y, A m×n row-major, x of m: the columns' weighted sums. */
    static void transposedTimesVector(int m, int n, float alpha, FloatBuffer a, FloatBuffer x, float beta, FloatBuffer y) {
        openblas_nolapack.cblas_sgemv(ROW_MAJOR, TRANS, m, n, alpha, a, n, x, 1, beta, y, 1);
    }

    /** y ← alpha · x + y over n elements. */
    static void axpy(int n, float alpha, FloatBuffer x, FloatBuffer y) {
        openblas_nolapack.cblas_saxpy(n, alpha, x, 1, y, 1);
    }
}
