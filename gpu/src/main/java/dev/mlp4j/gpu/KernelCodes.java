package dev.mlp4j.gpu;

import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;

/** The numbers activation.cl and output.cl use for each activation and cost (ACT_* and COST_* there). */
final class KernelCodes {
    private KernelCodes() {
    }

    static int of(Activation a) {
        return switch (a) {
            case SIGMOID -> 0;
            case TANH -> 1;
            case RELU -> 2;
            case LINEAR -> 3;
            case SOFTMAX -> 4;
        };
    }

    static int of(Cost c) {
        return switch (c) {
            case QUADRATIC -> 0;
            case CROSS_ENTROPY -> 1;
            case LOG_LIKELIHOOD -> 2;
        };
    }
}
