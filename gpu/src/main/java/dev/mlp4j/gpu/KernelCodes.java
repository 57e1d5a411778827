package dev.mlp4j.gpu;

import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;

/**
 * The numbers the device kernels use for each activation and cost: ACT_* in the opencl backend's activation.cl,
 * COST_* in its output.cl, and the constants the aparapi backend's kernel compares with. Constants, so that
 * Aparapi's translation, which reads bytecode, finds plain numbers.
 */
public final class KernelCodes {
    /** {@link Activation#SIGMOID}. */
    public static final int SIGMOID = 0;
    /** {@link Activation#TANH}. */
    public static final int TANH = 1;
    /** {@link Activation#RELU}. */
    public static final int RELU = 2;
    /** {@link Activation#LINEAR}. */
    public static final int LINEAR = 3;
    /** {@link Activation#SOFTMAX}. */
    public static final int SOFTMAX = 4;

    /** {@link Cost#QUADRATIC}. */
    public static final int QUADRATIC = 0;
    /** {@link Cost#CROSS_ENTROPY}. */
    public static final int CROSS_ENTROPY = 1;
    /** {@link Cost#LOG_LIKELIHOOD}. */
    public static final int LOG_LIKELIHOOD = 2;

    private KernelCodes() {
    }

    /** The kernels' number for the activation. */
    public static int of(Activation a) {
        return switch (a) {
            case SIGMOID -> SIGMOID;
            case TANH -> TANH;
            case RELU -> RELU;
            case LINEAR -> LINEAR;
            case SOFTMAX -> SOFTMAX;
        };
    }

    /** The kernels' number for the cost. */
    public static int of(Cost c) {
        return switch (c) {
            case QUADRATIC -> QUADRATIC;
            case CROSS_ENTROPY -> CROSS_ENTROPY;
            case LOG_LIKELIHOOD -> LOG_LIKELIHOOD;
        };
    }
}
