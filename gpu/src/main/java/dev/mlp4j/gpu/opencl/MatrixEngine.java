package dev.mlp4j.gpu.opencl;

import dev.mlp4j.gpu.OpenClDevice;

/**
 * What computes the opencl backend's matrix products.
 *
 * <p>{@link #CLBLAST} runs CLBlast's SGEMM with small kernels between the products; CLBlast is tuned for GPUs and
 * is the choice on them. {@link #VECTOR_KERNELS} runs products.cl, register-tiled float16 kernels fused with the
 * element-wise steps, written for CPU devices such as PoCL's, where CLBlast's local-memory kernels run several
 * times slower. {@link #AUTO} takes the system property {@code mlp4j.opencl.engine} ("clblast" or "vector") when
 * set, else CLBlast on a GPU and the vector kernels on anything else.
 */
public enum MatrixEngine {
    /** The system property, else CLBlast on a GPU and the vector kernels elsewhere. */
    AUTO,
    /** CLBlast's SGEMM. */
    CLBLAST,
    /** The backend's own float16 kernels in products.cl. */
    VECTOR_KERNELS;

    /** The system property that {@link #AUTO} reads: "clblast" or "vector". */
    public static final String PROPERTY = "mlp4j.opencl.engine";

    /** The engine to use on a device. */
    public MatrixEngine resolve(OpenClDevice device) {
        if (this != AUTO) {
            return this;
        }
        String forced = System.getProperty(PROPERTY, "").trim();
        if (forced.equalsIgnoreCase("clblast")) {
            return CLBLAST;
        }
        if (forced.equalsIgnoreCase("vector")) {
            return VECTOR_KERNELS;
        }
        return device.isGpu() ? CLBLAST : VECTOR_KERNELS;
    }
}
