package dev.mlp4j.cpu;

import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Weights and biases (or velocities, or gradients) of a network in float32, off the Java heap in the layout of
 * {@link Parameters}: weights of layer l row-major, a row per unit of layer l+1.
 */
final class FloatLayers {
    private final NetworkSpec spec;
    private final FloatBuffer[] weights;
    private final FloatBuffer[] biases;

    FloatLayers(NetworkSpec spec) {
        this.spec = spec;
        this.weights = new FloatBuffer[spec.depth()];
        this.biases = new FloatBuffer[spec.depth()];
        for (int l = 0; l < spec.depth(); l++) {
            weights[l] = floats(spec.size(l + 1) * spec.size(l));
            biases[l] = floats(spec.size(l + 1));
        }
    }

    /** A direct buffer of n zeros in the platform's byte order, as OpenBLAS reads it. */
    static FloatBuffer floats(int n) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(n, Float.BYTES)).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    FloatBuffer weights(int l) {
        return weights[l];
    }

    FloatBuffer biases(int l) {
        return biases[l];
    }

    /** Takes {@code p}'s values, rounded to float. */
    void copyFrom(Parameters p) {
        for (int l = 0; l < spec.depth(); l++) {
            put(p.weights(l), weights[l]);
            put(p.biases(l), biases[l]);
        }
    }

    /** The values as double-precision parameters. */
    Parameters toParameters() {
        Parameters p = new Parameters(spec);
        for (int l = 0; l < spec.depth(); l++) {
            get(weights[l], p.weights(l));
            get(biases[l], p.biases(l));
        }
        return p;
    }

    void fillZero() {
        for (int l = 0; l < spec.depth(); l++) {
            zero(weights[l]);
            zero(biases[l]);
        }
    }

    private static void put(double[] from, FloatBuffer to) {
        for (int i = 0; i < from.length; i++) {
            to.put(i, (float) from[i]);
        }
    }

    private static void get(FloatBuffer from, double[] to) {
        for (int i = 0; i < to.length; i++) {
            to[i] = from.get(i);
        }
    }

    private static void zero(FloatBuffer b) {
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, 0f);
        }
    }
}
