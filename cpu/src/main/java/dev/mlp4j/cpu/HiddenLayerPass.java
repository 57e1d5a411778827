package dev.mlp4j.cpu;

import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.DropoutMask;

import java.nio.FloatBuffer;

/**
 * The element-wise passes of a hidden layer in float32: z += b, a = σ(z) (then dropout), and on the way back
 * δ ⊙= mask ⊙ σ'(z). The activation is chosen once per row, not per element, so each loop is one simple function.
 */
final class HiddenLayerPass {
    private HiddenLayerPass() {
    }

    /**
     * Rows [from, to) of an m × width layer: z ← z + b; σ(z) into {@code undropped}; with dropout, the mask's scale
     * (0 or 1/(1−p)) into {@code scale} and σ(z)·scale into {@code a}, else σ(z) is {@code a} itself.
     */
    static void forward(Activation sigma, int layer, int width, FloatBuffer z, FloatBuffer b, FloatBuffer undropped,
                        FloatBuffer a, FloatBuffer scale, double dropout, int key, int from, int to) {
        for (int r = from; r < to; r++) {
            int row = r * width;
            for (int j = 0; j < width; j++) {
                float zj = z.get(row + j) + b.get(j);
                z.put(row + j, zj);
                undropped.put(row + j, value(sigma, zj));
            }
            if (dropout > 0) {
                float kept = (float) (1.0 / (1.0 - dropout));
                for (int j = 0; j < width; j++) {
                    float s = DropoutMask.keeps(key, layer, r, j, dropout) ? kept : 0f;
                    scale.put(row + j, s);
                    a.put(row + j, undropped.get(row + j) * s);
                }
            }
        }
    }

    /** Elements [from, to): δ ← δ · scale · σ'(z) (no scale without dropout); {@code a} is σ(z) before dropout. */
    static void backward(Activation sigma, FloatBuffer z, FloatBuffer a, FloatBuffer delta, FloatBuffer scale, int from, int to) {
        switch (sigma) {
            case RELU -> {
                for (int i = from; i < to; i++) {
                    delta.put(i, Float.intBitsToFloat(Float.floatToRawIntBits(delta.get(i)) & positive(z.get(i))));
                }
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) {
                    float ai = a.get(i);
                    delta.put(i, delta.get(i) * (ai * (1f - ai)));
                }
            }
            case TANH -> {
                for (int i = from; i < to; i++) {
                    float ai = a.get(i);
                    delta.put(i, delta.get(i) * (1f - ai * ai));
                }
            }
            case LINEAR -> {
            }
            default -> throw new IllegalStateException(sigma + " is not a hidden activation");
        }
        if (scale != null) {
            for (int i = from; i < to; i++) {
                delta.put(i, delta.get(i) * scale.get(i));
            }
        }
    }

    /**
     * All ones where z &gt; 0, else 0 (for −0 and NaN too), without a branch: relu's units are on and off about
     * equally often, so a branch on the sign is mispredicted on about every other element. The sign bit of
     * (−bits) &amp; ~bits is set exactly when bits, read as an int, is positive.
     */
    private static int positive(float z) {
        int bits = Float.floatToRawIntBits(z);
        return ((-bits) & ~bits) >> 31;
    }

    private static float value(Activation sigma, float z) {
        return switch (sigma) {
            case RELU -> Float.intBitsToFloat(Float.floatToRawIntBits(z) & positive(z));
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-z)));
            case TANH -> (float) Math.tanh(z);
            case LINEAR -> z;
            default -> throw new IllegalStateException(sigma + " is not a hidden activation");
        };
    }
}
