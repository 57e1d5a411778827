package dev.mlp4j.gpu.opencl;

import dev.mlp4j.core.nn.StepSettings;

/**
 * Dropout as the kernels take it. {@code threshold} is ceil(p * 2^24): DropoutMask keeps a unit when the top 24
 * bits of its hash, read as a fraction, are at least p, which is exactly "top 24 bits >= threshold", so device
 * and reference draw the same mask for every p. A threshold of 0 means no dropout.
 */
record DeviceDropout(int threshold, double keptScale, int key) {
    static final DeviceDropout NONE = new DeviceDropout(0, 1.0, 0);

    static DeviceDropout of(StepSettings s) {
        if (s.dropout() <= 0) {
            return NONE;
        }
        return new DeviceDropout((int) Math.ceil(s.dropout() * (1 << 24)), 1.0 / (1.0 - s.dropout()), s.dropoutKey());
    }

    boolean on() {
        return threshold != 0;
    }
}
