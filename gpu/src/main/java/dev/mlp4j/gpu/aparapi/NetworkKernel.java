package dev.mlp4j.gpu.aparapi;

import com.aparapi.Kernel;
import dev.mlp4j.gpu.KernelCodes;

/**
 * Backprop in Java for Aparapi to translate to OpenCL C, one pass per {@link #run} (the pass field selects it),
 * each pass a method that mirrors a step of core's Backprop. One kernel holds every array so that they stay on
 * the device between passes: Aparapi gives each kernel object its own device copies, and its named entry points,
 * which would allow one method per kernel, fail to build in Aparapi 3.0.
 *
 * <p>Layouts are the reference's: weights[l] row-major with one row per neuron of layer l+1, then all biases, in
 * one parameter array ({@link dev.mlp4j.gpu.ParameterLayout.WeightOrder#BY_UNIT}); the rows of layer l in blocks of {@code capacity} rows, layer 0's being the batch's inputs
 * (core's activations[0]; its blocks in undropped and delta go unused, so one set of offsets serves all three).
 * What Aparapi can translate is narrow (no objects, no exceptions, no allocation, no recursion), so the code uses
 * only fields, arrays of primitives and helper methods on primitives; tests assert that every pass ran on OpenCL.
 */
final class NetworkKernel extends Kernel {
    static final int GATHER = 0;
    static final int FORWARD = 1;
    static final int OUTPUT = 2;
    static final int BACKWARD = 3;
    static final int GRADIENT = 4;
    static final int UPDATE = 5;

    // The kernels' codes, as compile-time constants: javac writes their values into the bytecode Aparapi reads.
    static final int SIGMOID = KernelCodes.SIGMOID;
    static final int TANH = KernelCodes.TANH;
    static final int RELU = KernelCodes.RELU;
    static final int LINEAR = KernelCodes.LINEAR;
    static final int SOFTMAX = KernelCodes.SOFTMAX;

    static final int QUADRATIC = KernelCodes.QUADRATIC;
    static final int CROSS_ENTROPY = KernelCodes.CROSS_ENTROPY;
    static final int LOG_LIKELIHOOD = KernelCodes.LOG_LIKELIHOOD;

    /** Layer sizes, from input to output. */
    final int[] sizes;
    /** The activation code of each weight layer, the output layer's last. */
    final int[] activations;
    final int[] weightOffset;
    final int[] biasOffset;
    /** Where layer l's rows start in act, undropped and delta (l = 0: the inputs); the last entry is their length. */
    final int[] rowsOffset;
    final float[] params;
    final float[] velocities;
    final float[] grads;
    final float[] batchTargets;
    final float[] act;
    final float[] undropped;
    final float[] delta;
    final float[] trainInputs;
    final float[] trainTargets;
    final int[] order;
    final float[] costs;

    // Arguments of the next pass.
    int pass;
    /** How many items the pass has: rows × units, weights and biases, parameters (see each pass). */
    int items;
    int layer;
    int rows;
    int depth;
    int offset;
    int outputKind;
    int costKind;
    int aMinusY;
    int computeDelta;
    int keepCost;
    int dropThreshold;
    int dropKey;
    float keptScale;
    float inverseRows;
    float l2Scale;
    float learningRate;
    float momentum;
    int parameterCount;

    NetworkKernel(int[] sizes, int[] activations, int[] weightOffset, int[] biasOffset, int[] rowsOffset, int parameterCount, int capacity,
                  float[] trainInputs, float[] trainTargets, int orderCapacity) {
        this.sizes = sizes;
        this.activations = activations;
        this.weightOffset = weightOffset;
        this.biasOffset = biasOffset;
        this.rowsOffset = rowsOffset;
        this.depth = sizes.length - 1;
        this.parameterCount = parameterCount;
        int units = rowsOffset[depth + 1];
        params = new float[parameterCount];
        velocities = new float[parameterCount];
        grads = new float[parameterCount];
        batchTargets = new float[capacity * sizes[depth]];
        act = new float[units];
        undropped = new float[units];
        delta = new float[units];
        this.trainInputs = trainInputs;
        this.trainTargets = trainTargets;
        order = new int[orderCapacity];
        costs = new float[orderCapacity];
    }

    /**
     * Runs the pass on its items 0 … items−1 (no pass sees an id past them, so none checks), each work-item taking a
     * run of consecutive ones: on a CPU device every work-item of this kernel costs several nanoseconds before its
     * first item, so the backend launches fewer work-items than items there; on a GPU it launches one per item.
     * Consecutive items share their input row (forward) or their unit (gradient), which then stays in cache.
     */
    @Override
    public void run() {
        int chunk = (items + getGlobalSize() - 1) / getGlobalSize();
        int first = getGlobalId() * chunk;
        int last = min(first + chunk, items);
        for (int id = first; id < last; id++) {
            if (pass == GATHER) {
                gather(id);
            } else if (pass == FORWARD) {
                forward(id);
            } else if (pass == OUTPUT) {
                output(id);
            } else if (pass == BACKWARD) {
                backward(id);
            } else if (pass == GRADIENT) {
                gradient(id);
            } else if (pass == UPDATE) {
                update(id);
            }
        }
    }

    /** DataSet.batch on the device: row r of the batch is example order[offset + r] of the bound set. */
    private void gather(int id) {
        int in = sizes[0];
        int out = sizes[depth];
        int width = max(in, out);
        int r = id / width;
        int c = id % width;
        int e = order[offset + r];
        if (c < in) {
            act[r * in + c] = trainInputs[e * in + c];
        }
        if (c < out) {
            batchTargets[r * out + c] = trainTargets[e * out + c];
        }
    }

    /** z = w a + b, then a = sigma(z) with dropout's mask for a hidden layer; the output layer keeps z for output(). */
    private void forward(int id) {
        int in = sizes[layer];
        int out = sizes[layer + 1];
        int r = id / out;
        int j = id % out;
        // Four partial sums, so that each addition need not wait for the one before: one chain of dependent
        // float additions is what limits these loops on a CPU device. The other passes' loops do the same.
        int w = weightOffset[layer] + j * in;
        int quads = in / 4 * 4;
        float z0 = 0f;
        float z1 = 0f;
        float z2 = 0f;
        float z3 = 0f;
        int x = rowsOffset[layer] + r * in;
        for (int k = 0; k < quads; k += 4) {
            z0 += params[w + k] * act[x + k];
            z1 += params[w + k + 1] * act[x + k + 1];
            z2 += params[w + k + 2] * act[x + k + 2];
            z3 += params[w + k + 3] * act[x + k + 3];
        }
        for (int k = quads; k < in; k++) {
            z0 += params[w + k] * act[x + k];
        }
        float z = (z0 + z1) + (z2 + z3) + params[biasOffset[layer] + j];
        int o = rowsOffset[layer + 1] + r * out + j;
        if (layer == depth - 1) {
            act[o] = z;
        } else {
            float a = activate(activations[layer], z);
            undropped[o] = a;
            act[o] = a * dropoutScale(layer, r, j);
        }
    }

    /** The output layer for row r: sigma (softmax over the row), BP1's delta (OutputDelta), the cost (Cost.value). */
    private void output(int r) {
        int out = sizes[depth];
        int base = rowsOffset[depth] + r * out;
        // The cost from z before act holds a, where OutputCost.value takes it so: saturated units round a to 1.
        int fromZ = (outputKind == SIGMOID && costKind == CROSS_ENTROPY)
                || (outputKind == SOFTMAX && costKind != QUADRATIC) ? 1 : 0;
        float c = 0f;
        if (keepCost == 1 && fromZ == 1) {
            c = costFromZ(base, r, out);
        }
        if (outputKind == SOFTMAX) {
            float top = act[base];
            for (int j = 1; j < out; j++) {
                top = max(top, act[base + j]);
            }
            float sum = 0f;
            for (int j = 0; j < out; j++) {
                act[base + j] = exp(act[base + j] - top);
                sum += act[base + j];
            }
            for (int j = 0; j < out; j++) {
                act[base + j] = act[base + j] / sum;
            }
        } else {
            for (int j = 0; j < out; j++) {
                act[base + j] = activate(outputKind, act[base + j]);
            }
        }
        if (computeDelta == 1) {
            float dot = 0f;
            if (outputKind == SOFTMAX && aMinusY == 0 && costKind != CROSS_ENTROPY) {
                for (int j = 0; j < out; j++) {
                    dot += act[base + j] * costGradient(act[base + j], batchTargets[r * out + j]);
                }
            }
            for (int j = 0; j < out; j++) {
                float a = act[base + j];
                float y = batchTargets[r * out + j];
                if (aMinusY == 1) {
                    delta[base + j] = a - y;
                } else if (outputKind == SOFTMAX && costKind == CROSS_ENTROPY) {
                    delta[base + j] = softmaxCrossEntropyDelta(base, r, out, j);
                } else if (outputKind == SOFTMAX) {
                    delta[base + j] = a * (costGradient(a, y) - dot);
                } else {
                    delta[base + j] = costGradient(a, y) * derivative(outputKind, a);
                }
            }
        }
        if (keepCost == 1) {
            if (fromZ == 0) {
                for (int j = 0; j < out; j++) {
                    c += costTerm(act[base + j], batchTargets[r * out + j]);
                }
            }
            costs[offset + r] += c;
        }
    }

    /** BP2 into layer l's input: delta_prev = (w^T delta) * dropout scale * sigma'(z_prev). */
    private void backward(int id) {
        int in = sizes[layer];
        int out = sizes[layer + 1];
        int r = id / in;
        int k = id % in;
        int d = rowsOffset[layer + 1] + r * out;
        int w = weightOffset[layer] + k;
        int quads = out / 4 * 4;
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        for (int j = 0; j < quads; j += 4) {
            s0 += delta[d + j] * params[w + j * in];
            s1 += delta[d + j + 1] * params[w + (j + 1) * in];
            s2 += delta[d + j + 2] * params[w + (j + 2) * in];
            s3 += delta[d + j + 3] * params[w + (j + 3) * in];
        }
        for (int j = quads; j < out; j++) {
            s0 += delta[d + j] * params[w + j * in];
        }
        float s = (s0 + s1) + (s2 + s3);
        int o = rowsOffset[layer] + r * in + k;
        delta[o] = s * dropoutScale(layer - 1, r, k) * derivative(activations[layer - 1], undropped[o]);
    }

    /** BP3 and BP4 for layer l, averaged over the batch, plus (lambda/n) w for the weights. */
    private void gradient(int id) {
        int in = sizes[layer];
        int out = sizes[layer + 1];
        if (id < out * in) {
            int j = id / in;
            int k = id % in;
            int d = rowsOffset[layer + 1] + j;
            int x = rowsOffset[layer] + k;
            int quads = rows / 4 * 4;
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            for (int r = 0; r < quads; r += 4) {
                s0 += delta[d + r * out] * act[x + r * in];
                s1 += delta[d + (r + 1) * out] * act[x + (r + 1) * in];
                s2 += delta[d + (r + 2) * out] * act[x + (r + 2) * in];
                s3 += delta[d + (r + 3) * out] * act[x + (r + 3) * in];
            }
            for (int r = quads; r < rows; r++) {
                s0 += delta[d + r * out] * act[x + r * in];
            }
            float s = (s0 + s1) + (s2 + s3);
            int p = weightOffset[layer] + id;
            grads[p] = s * inverseRows + l2Scale * params[p];
        } else {
            int j = id - out * in;
            float s = 0f;
            for (int r = 0; r < rows; r++) {
                s += delta[rowsOffset[layer + 1] + r * out + j];
            }
            grads[biasOffset[layer] + j] = s * inverseRows;
        }
    }

    /** v = mu v - eta g; w += v (with mu = 0: w -= eta g, velocities untouched), as ReferenceBackend.update. */
    private void update(int i) {
        if (momentum == 0f) {
            params[i] = params[i] - learningRate * grads[i];
        } else {
            float v = momentum * velocities[i] - learningRate * grads[i];
            velocities[i] = v;
            params[i] = params[i] + v;
        }
    }

    private float activate(int kind, float z) {
        float a = z;
        if (kind == SIGMOID) {
            a = 1f / (1f + exp(-z));
        } else if (kind == TANH) {
            a = tanhOf(z);
        } else if (kind == RELU) {
            a = max(z, 0f);
        }
        return a;
    }

    /**
     * tanh, which Aparapi lacks: (1 - e)/(1 + e) with e = exp(-2|z|), and near 0, where 1 - e cancels, its Taylor
     * series z (1 - z^2/3 (1 - 2z^2/5)), whose next term is below float's precision for |z| < 0.05.
     */
    private float tanhOf(float z) {
        // Every local is assigned where it is declared: Aparapi scopes a bare declaration into the first branch.
        float x = abs(z);
        float e = exp(-2f * x);
        float t = (1f - e) / (1f + e);
        if (x < 0.05f) {
            float x2 = x * x;
            t = x * (1f - x2 / 3f * (1f - 0.4f * x2));
        }
        return z < 0f ? -t : t;
    }

    /** sigma'(z) from a = sigma(z), as Activation.derivative. */
    private float derivative(int kind, float a) {
        float d = 1f;
        if (kind == SIGMOID) {
            d = a * (1f - a);
        } else if (kind == TANH) {
            d = 1f - a * a;
        } else if (kind == RELU) {
            d = a > 0f ? 1f : 0f;
        }
        return d;
    }

    private float costGradient(float a, float y) {
        float g = a - y;
        if (costKind == CROSS_ENTROPY) {
            g = (a - y) / (a * (1f - a));
        } else if (costKind == LOG_LIKELIHOOD) {
            g = y == 0f ? 0f : -y / a;
        }
        return g;
    }

    /**
     * Row r's cost from its z (in act at base), as OutputCost.value: softplus(z) - y z for sigmoid with
     * cross-entropy, log-sum-exp forms for softmax. log(1 + x) stands for log1p, which Aparapi lacks: it loses only
     * digits far below the cost's own.
     */
    private float costFromZ(int base, int r, int out) {
        float c = 0f;
        if (outputKind == SIGMOID) {
            for (int j = 0; j < out; j++) {
                float z = act[base + j];
                c += max(z, 0f) + log(1f + exp(-abs(z))) - batchTargets[r * out + j] * z;
            }
        } else {
            float lse = logSumExp(base, out, -1);
            for (int j = 0; j < out; j++) {
                float z = act[base + j];
                float y = batchTargets[r * out + j];
                if (y != 0f) {
                    c -= y * (z - lse);
                }
                if (costKind == CROSS_ENTROPY && y != 1f) {
                    float a = exp(z - lse);
                    float log1MinusA = log(1f - a);
                    if (a > 0.5f) {
                        log1MinusA = logSumExp(base, out, j) - lse;
                    }
                    c -= (1f - y) * log1MinusA;
                }
            }
        }
        return c;
    }

    /**
     * delta_i for softmax with cross-entropy as OutputDelta.softmaxCrossEntropy, nothing divided by 1 - a_k as
     * computed from a_k (0 once a unit saturates); a_i / (1 - a_k) is 0 where a_i underflowed.
     */
    private float softmaxCrossEntropyDelta(int base, int r, int out, int i) {
        float ai = act[base + i];
        float d = ai - batchTargets[r * out + i];
        for (int k = 0; k < out; k++) {
            if (k != i) {
                float ratio = 0f;
                if (ai != 0f) {
                    ratio = ai / oneMinusOutput(base, out, k);
                }
                float yk = batchTargets[r * out + k];
                d += yk * ai - (1f - yk) * act[base + k] * ratio;
            }
        }
        return d;
    }

    /**
     * 1 - a_k of the softmax row at base: near a_k = 1 the subtraction keeps no digits, so there it is the sum of
     * the other outputs (at most one unit of a row is above 0.5).
     */
    private float oneMinusOutput(int base, int out, int k) {
        float rest = 1f - act[base + k];
        if (act[base + k] > 0.5f) {
            rest = 0f;
            for (int m = 0; m < out; m++) {
                if (m != k) {
                    rest += act[base + m];
                }
            }
        }
        return rest;
    }

    /** ln sum_k e^{z_k} over the row at base, leaving out index skip (-1: none). */
    private float logSumExp(int base, int out, int skip) {
        float top = -3.4e38f;
        for (int k = 0; k < out; k++) {
            if (k != skip) {
                top = max(top, act[base + k]);
            }
        }
        float sum = 0f;
        for (int k = 0; k < out; k++) {
            if (k != skip) {
                sum += exp(act[base + k] - top);
            }
        }
        return top + log(sum);
    }

    private float costTerm(float a, float y) {
        float c = 0f;
        if (costKind == QUADRATIC) {
            c = 0.5f * (a - y) * (a - y);
        } else if (costKind == CROSS_ENTROPY) {
            if (y != 0f) {
                c -= y * log(a);
            }
            if (y != 1f) {
                c -= (1f - y) * log(1f - a);
            }
        } else if (y != 0f) {
            c = -y * log(a);
        }
        return c;
    }

    /** 0 for a dropped unit, 1/(1-p) for a kept one, 1 without dropout: DropoutMask.keeps, exactly. */
    private float dropoutScale(int l, int example, int unit) {
        float s = 1f;
        if (dropThreshold != 0) {
            int h = mix(dropKey ^ mix(l * 0x9E3779B9 ^ mix(example * 0x85EBCA6B ^ mix(unit + 0x27D4EB2F))));
            // The top 24 bits, compared as an integer with ceil(p * 2^24): the reference's u >= p without rounding.
            s = (h >>> 8) >= dropThreshold ? keptScale : 0f;
        }
        return s;
    }

    /** DropoutMask.mix, the "lowbias32" hash. */
    private int mix(int v) {
        int x = v;
        x ^= x >>> 16;
        x *= 0x7FEB352D;
        x ^= x >>> 15;
        x *= 0x846CA68B;
        x ^= x >>> 16;
        return x;
    }
}
