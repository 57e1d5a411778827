/*
 * Matrix products written for CPU OpenCL devices (PoCL), each fused with the element-wise step around it. There
 * CLBlast's kernels, tuned for GPUs around local memory and barriers, reach a tenth of what these do: these keep
 * a tile of ROWS rows by 16 columns in float16 registers, broadcast one operand and load the other as a vector,
 * and never synchronise.
 *
 * The vector always runs along output units j, contiguous in the input-major weights (row k, column j) and in
 * the activations and deltas (row = example). The broadcast operand is the layer's input, so a group of ROWS
 * inputs that are all zero (most of an MNIST image's border) skips its arithmetic, which changes no result:
 * the reference skips zero inputs too.
 *
 * Vectors that run past a row's end (j0 + 16 > width) read whatever follows, never beyond a buffer (buffers
 * carry 16 floats of slack); those lanes are computed and then not stored.
 */
#define ROWS 6
#define GRAD_ROWS 6
#define LANES 16

/* Input row r of a layer: through the batch's indices into the bound training set for layer 0 when training. */
inline __global const float* input_row(__global const float* input, int width, __global const int* indices,
                                       int indexOffset, int indexed, int r) {
    return input + (size_t) (indexed ? indices[indexOffset + r] : r) * width;
}

/*
 * Forward through one layer: z = a w^T + b for rows [r0, r0 + ROWS) and units [j0, j0 + 16), then sigma and
 * dropout (hidden layers), or z without the bias for the output layer, which output_layer finishes.
 */
__kernel void forward_layer(__global const float* input, __global const int* indices, int indexOffset, int indexed,
                            int rows, int inWidth, int outWidth,
                            __global const float* params, int weightOffset, int biasOffset,
                            __global float* out, __global float* raw, int hidden, int kind,
                            uint key, uint layer, uint threshold, float keptScale) {
    int j0 = get_global_id(0) * LANES;
    int r0 = get_global_id(1) * ROWS;
    if (j0 >= outWidth || r0 >= rows) {
        return;
    }
    __global const float* a[ROWS];
    float16 acc[ROWS];
    /* Rows past the batch repeat its last row: the loop stays branch-free and their results are not stored. */
    #pragma unroll
    for (int i = 0; i < ROWS; i++) {
        a[i] = input_row(input, inWidth, indices, indexOffset, indexed, min(r0 + i, rows - 1));
        acc[i] = (float16) 0.0f;
    }
    __global const float* w = params + weightOffset + j0;
    for (int k = 0; k < inWidth; k++) {
        float x[ROWS];
        bool any = false;
        #pragma unroll
        for (int i = 0; i < ROWS; i++) {
            x[i] = a[i][k];
            any |= x[i] != 0.0f;
        }
        if (any) {
            float16 wk = vload16(0, w + (size_t) k * outWidth);
            #pragma unroll
            for (int i = 0; i < ROWS; i++) {
                acc[i] = fma((float16) x[i], wk, acc[i]);
            }
        }
    }
    int lanes = min(LANES, outWidth - j0);
    /* Whole vectors without dropout, the common case, stay vectors; tails and dropout's masks go unit by unit. */
    bool vector = lanes == LANES && (threshold == 0u || !hidden);
    float16 bias = hidden && lanes == LANES ? vload16(0, params + biasOffset + j0) : (float16) 0.0f;
    for (int i = 0; i < ROWS && r0 + i < rows; i++) {
        int r = r0 + i;
        if (vector) {
            vstore16(hidden ? activate16(kind, acc[i] + bias) : acc[i], 0, out + r * outWidth + j0);
            continue;
        }
        float z[LANES];
        vstore16(acc[i], 0, z);
        for (int c = 0; c < lanes; c++) {
            int j = j0 + c;
            int o = r * outWidth + j;
            if (hidden) {
                store_hidden(kind, z[c] + params[biasOffset + j], out, raw, o, key, layer, (uint) r, (uint) j,
                             threshold, keptScale);
            } else {
                out[o] = z[c];
            }
        }
    }
}

/*
 * BP2 for one layer: delta_prev = (delta w) * dropout scale * sigma'(z_prev), for rows [r0, r0 + 4) and input
 * units [k0, k0 + 4). Here the sum runs along j, contiguous in both delta and the input-major weights, so it is
 * a set of 4 x 4 dot products over float8 vectors (float8 because output layers are often 10 wide).
 */
__kernel void backward_layer(__global const float* delta, int rows, int inWidth, int outWidth,
                             __global const float* params, int weightOffset,
                             __global float* deltaPrev, __global const float* aPrev, int kind,
                             uint key, uint layer, uint threshold, float keptScale) {
    int k0 = get_global_id(0) * 4;
    int r0 = get_global_id(1) * 4;
    if (k0 >= inWidth || r0 >= rows) {
        return;
    }
    __global const float* d[4];
    __global const float* w[4];
    float8 acc[4][4];
    #pragma unroll
    for (int i = 0; i < 4; i++) {
        d[i] = delta + (size_t) min(r0 + i, rows - 1) * outWidth;
        w[i] = params + weightOffset + (size_t) min(k0 + i, inWidth - 1) * outWidth;
        #pragma unroll
        for (int c = 0; c < 4; c++) {
            acc[i][c] = (float8) 0.0f;
        }
    }
    int vectorEnd = outWidth & ~7;
    for (int j = 0; j < vectorEnd; j += 8) {
        float8 dv[4];
        float8 wv[4];
        #pragma unroll
        for (int i = 0; i < 4; i++) {
            dv[i] = vload8(0, d[i] + j);
            wv[i] = vload8(0, w[i] + j);
        }
        #pragma unroll
        for (int i = 0; i < 4; i++) {
            #pragma unroll
            for (int c = 0; c < 4; c++) {
                acc[i][c] = fma(dv[i], wv[c], acc[i][c]);
            }
        }
    }
    for (int i = 0; i < 4 && r0 + i < rows; i++) {
        int r = r0 + i;
        for (int c = 0; c < 4 && k0 + c < inWidth; c++) {
            int k = k0 + c;
            float8 v = acc[i][c];
            float4 h = v.lo + v.hi;
            float s = (h.x + h.y) + (h.z + h.w);
            for (int j = vectorEnd; j < outWidth; j++) {
                s = fma(d[i][j], w[c][j], s);
            }
            int o = r * inWidth + k;
            deltaPrev[o] = s * dropout_scale(key, layer, (uint) r, (uint) k, threshold, keptScale)
                    * derivative_from_output(kind, aPrev[o]);
        }
    }
}

/*
 * BP3 and BP4 for one layer, fused with what follows them: g = (1/m) sum_r a_r^T delta_r (+ (lambda/n) w for
 * weights), for weight rows [k0, k0 + ROWS) and units [j0, j0 + 16); the work-items of the first row block also
 * sum delta for the biases. Then either the gradient is stored (gradients()) or the SGD step is applied at once
 * (training), so a training step needs no gradient buffer at all. Callers run it after backward_layer has read
 * this layer's weights.
 */
__kernel void weight_gradient(__global const float* input, __global const int* indices, int indexOffset, int indexed,
                              __global const float* delta, int rows, int inWidth, int outWidth,
                              __global float* params, int weightOffset, int biasOffset,
                              __global float* velocities, __global float* grads, int storeGradient,
                              float inverseRows, float l2Scale, float learningRate, float momentum) {
    int j0 = get_global_id(0) * LANES;
    int k0 = get_global_id(1) * GRAD_ROWS;
    if (j0 >= outWidth || k0 >= inWidth) {
        return;
    }
    bool biases = k0 == 0;
    float16 acc[GRAD_ROWS];
    float16 accBias = (float16) 0.0f;
    #pragma unroll
    for (int i = 0; i < GRAD_ROWS; i++) {
        acc[i] = (float16) 0.0f;
    }
    /* Columns past the layer's width repeat its last column; their sums are not stored. */
    int kk[GRAD_ROWS];
    #pragma unroll
    for (int i = 0; i < GRAD_ROWS; i++) {
        kk[i] = min(k0 + i, inWidth - 1);
    }
    for (int r = 0; r < rows; r++) {
        __global const float* a = input_row(input, inWidth, indices, indexOffset, indexed, r);
        float16 dv = vload16(0, delta + (size_t) r * outWidth + j0);
        if (biases) {
            accBias += dv;
        }
        float x[GRAD_ROWS];
        bool any = false;
        #pragma unroll
        for (int i = 0; i < GRAD_ROWS; i++) {
            x[i] = a[kk[i]];
            any |= x[i] != 0.0f;
        }
        if (any) {
            #pragma unroll
            for (int i = 0; i < GRAD_ROWS; i++) {
                acc[i] = fma((float16) x[i], dv, acc[i]);
            }
        }
    }
    int lanes = min(LANES, outWidth - j0);
    for (int i = 0; i < GRAD_ROWS && k0 + i < inWidth; i++) {
        int p = weightOffset + (k0 + i) * outWidth + j0;
        if (lanes == LANES) {
            float16 g = acc[i] * inverseRows + l2Scale * vload16(0, params + p);
            if (storeGradient) {
                vstore16(g, 0, grads + p);
            } else {
                apply_step16(params, velocities, p, g, learningRate, momentum);
            }
            continue;
        }
        float s[LANES];
        vstore16(acc[i], 0, s);
        for (int c = 0; c < lanes; c++) {
            float g = s[c] * inverseRows + l2Scale * params[p + c];
            if (storeGradient) {
                grads[p + c] = g;
            } else {
                apply_step(params, velocities, p + c, g, learningRate, momentum);
            }
        }
    }
    if (biases) {
        float s[LANES];
        vstore16(accBias, 0, s);
        for (int c = 0; c < lanes; c++) {
            int p = biasOffset + j0 + c;
            float g = s[c] * inverseRows;
            if (storeGradient) {
                grads[p] = g;
            } else {
                apply_step(params, velocities, p, g, learningRate, momentum);
            }
        }
    }
}
