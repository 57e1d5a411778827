/*
 * Matrix products written for CPU OpenCL devices (PoCL), each fused with the element-wise step around it. There
 * CLBlast's kernels, tuned for GPUs around local memory and barriers, reach a fifth to a tenth of what these do: these keep
 * a tile of ROWS rows by 16 columns in float16 registers, broadcast one operand and load the other as a vector,
 * and never synchronise.
 *
 * The vector always runs along output units j, contiguous in the input-major weights (row k, column j) and in
 * the activations and deltas (row = example). The broadcast operand is the layer's input, so a group of ROWS
 * inputs that are all zero (most of an MNIST image's border) skips its arithmetic, as the reference skips zero
 * inputs.
 *
 * Vectors that run past a row's end (j0 + 16 > width) read whatever follows, never beyond a buffer (buffers
 * carry 16 floats of slack); those lanes are computed and then not stored.
 */
#define ROWS 6
#define LANES 16

/* Input row r of a layer: through the batch's indices into the bound training set for layer 0 when training. */
inline __global const float* input_row(__global const float* input, int width, __global const int* indices,
                                       int indexOffset, int indexed, int r) {
    return input + (size_t) (indexed ? indices[indexOffset + r] : r) * width;
}

/*
 * The forward product of one tile: acc[i] = z of row r0 + i (without the bias) for units [j0, j0 + 16).
 * Rows past the batch repeat its last row, so the loop stays branch-free; their results are not stored.
 */
inline void forward_tile(float16 acc[ROWS], __global const float* input, __global const int* indices,
                         int indexOffset, int indexed, int rows, int inWidth, int outWidth,
                         __global const float* weights, int r0, int j0) {
    __global const float* a[ROWS];
    #pragma unroll
    for (int i = 0; i < ROWS; i++) {
        a[i] = input_row(input, inWidth, indices, indexOffset, indexed, min(r0 + i, rows - 1));
        acc[i] = (float16) 0.0f;
    }
    __global const float* w = weights + j0;
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
}

/* Stores units [j0, j0 + 16) of one row, fewer at the row's end. */
inline void store_block(float16 z, __global float* row, int j0, int width) {
    if (j0 + LANES <= width) {
        vstore16(z, 0, row + j0);
        return;
    }
    float v[LANES];
    vstore16(z, 0, v);
    for (int c = 0; j0 + c < width; c++) {
        row[j0 + c] = v[c];
    }
}

/*
 * A hidden layer's units [j0, j0 + 16) of row r from their z without the bias: bias, sigma and dropout. Whole
 * vectors without dropout, the common case, stay vectors; a row's tail and dropout's masks go unit by unit.
 */
inline void store_hidden_block(float16 acc, int r, int j0, int width, __global const float* bias,
                               __global float* out, __global float* raw, int kind,
                               uint key, uint layer, uint threshold, float keptScale) {
    if (j0 + LANES <= width && threshold == 0u) {
        vstore16(activate16(kind, acc + vload16(0, bias + j0)), 0, out + r * width + j0);
        return;
    }
    float z[LANES];
    vstore16(acc, 0, z);
    for (int c = 0; c < LANES && j0 + c < width; c++) {
        int j = j0 + c;
        store_hidden(kind, z[c] + bias[j], out, raw, r * width + j, key, layer, (uint) r, (uint) j, threshold, keptScale);
    }
}

/*
 * Forward through one layer: z = a w^T + b for rows [r0, r0 + ROWS) and units [j0, j0 + 16), then sigma and
 * dropout (hidden layers), or z without the bias for an output layer that output_layer finishes.
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
    float16 acc[ROWS];
    forward_tile(acc, input, indices, indexOffset, indexed, rows, inWidth, outWidth, params + weightOffset, r0, j0);
    for (int i = 0; i < ROWS && r0 + i < rows; i++) {
        if (hidden) {
            store_hidden_block(acc[i], r0 + i, j0, outWidth, params + biasOffset, out, raw, kind, key, layer,
                               threshold, keptScale);
        } else {
            store_block(acc[i], out + (r0 + i) * outWidth, j0, outWidth);
        }
    }
}

/*
 * Layer 0 of a training step on a sparse training set (most MNIST pixels are 0): row r's z is the sum over only
 * its non-zero inputs k of x_k times row k of the input-major weights, read from the set's compressed rows
 * (rowStart, columns, values), made once when the set is bound. A work-item covers one example and up to four
 * blocks of 16 units, so each non-zero input is read once for 64 units.
 */
__kernel void forward_sparse_input(__global const int* rowStart, __global const int* columns,
                                   __global const float* values, __global const int* indices, int indexOffset,
                                   int rows, int outWidth, __global const float* params, int weightOffset,
                                   int biasOffset, __global float* out, __global float* raw, int kind,
                                   uint key, uint layer, uint threshold, float keptScale) {
    int j0 = get_global_id(0) * 4 * LANES;
    int r = get_global_id(1);
    if (j0 >= outWidth || r >= rows) {
        return;
    }
    int example = indices[indexOffset + r];
    float16 acc[4] = {(float16) 0.0f, (float16) 0.0f, (float16) 0.0f, (float16) 0.0f};
    int blocks = min(4, (outWidth - j0 + LANES - 1) / LANES);
    __global const float* w = params + weightOffset + j0;
    int end = rowStart[example + 1];
    for (int t = rowStart[example]; t < end; t++) {
        float x = values[t];
        __global const float* wk = w + (size_t) columns[t] * outWidth;
        #pragma unroll
        for (int b = 0; b < 4; b++) {
            if (b < blocks) {
                acc[b] = fma((float16) x, vload16(b, wk), acc[b]);
            }
        }
    }
    for (int b = 0; b < blocks; b++) {
        store_hidden_block(acc[b], r, j0 + b * LANES, outWidth, params + biasOffset, out, raw, kind, key, layer,
                           threshold, keptScale);
    }
}

/*
 * An output layer of at most 16 units in one launch: the forward product, then output_layer's work on each of
 * the tile's rows, which the tile holds whole. Saves a launch per step, which on a CPU device is worth more
 * than the work it does.
 */
__kernel void forward_output_layer(__global const float* input, __global const int* indices, int indexOffset,
                                   int inputIndexed, int rows, int inWidth, int outWidth,
                                   __global const float* params, int weightOffset, int biasOffset,
                                   __global float* out, __global float* delta,
                                   __global const float* targets, int targetsIndexed,
                                   __global float* costs, int costOffset, int keepCost, int computeDelta,
                                   int activation, int cost, int aMinusY) {
    int r0 = get_global_id(0) * ROWS;
    if (r0 >= rows) {
        return;
    }
    float16 acc[ROWS];
    forward_tile(acc, input, indices, indexOffset, inputIndexed, rows, inWidth, outWidth, params + weightOffset, r0, 0);
    for (int i = 0; i < ROWS && r0 + i < rows; i++) {
        int r = r0 + i;
        float z[LANES];
        vstore16(acc[i], 0, z);
        __global float* a = out + (size_t) r * outWidth;
        for (int j = 0; j < outWidth; j++) {
            a[j] = z[j];
        }
        int example = targetsIndexed ? indices[indexOffset + r] : r;
        finish_output_row(a, delta + (size_t) r * outWidth, params + biasOffset, targets + (size_t) example * outWidth,
                          outWidth, activation, cost, aMinusY, computeDelta, costs + costOffset + r, keepCost);
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
 * this layer's weights. For layer 0 of a sparse set, zeroBlocks holds one bit per example and group of ROWS inputs,
 * set when any of them is non-zero (maskWords words per example; 0 words: no mask).
 */
__kernel void weight_gradient(__global const float* input, __global const int* indices, int indexOffset, int indexed,
                              __global const uint* zeroBlocks, int maskWords,
                              __global const float* delta, int rows, int inWidth, int outWidth,
                              __global float* params, int weightOffset, int biasOffset,
                              __global float* velocities, __global float* grads, int storeGradient,
                              float inverseRows, float l2Scale, float learningRate, float momentum) {
    int j0 = get_global_id(0) * LANES;
    int k0 = get_global_id(1) * ROWS;
    if (j0 >= outWidth || k0 >= inWidth) {
        return;
    }
    bool biases = k0 == 0;
    float16 acc[ROWS];
    float16 accBias = (float16) 0.0f;
    #pragma unroll
    for (int i = 0; i < ROWS; i++) {
        acc[i] = (float16) 0.0f;
    }
    /* Columns past the layer's width repeat its last column; their sums are not stored. */
    int kk[ROWS];
    #pragma unroll
    for (int i = 0; i < ROWS; i++) {
        kk[i] = min(k0 + i, inWidth - 1);
    }
    int block = k0 / ROWS;
    for (int r = 0; r < rows; r++) {
        int example = indexed ? indices[indexOffset + r] : r;
        /* A sparse set's mask tells, without reading them, that the example's ROWS inputs of this tile are all 0. */
        bool zero = maskWords > 0 && ((zeroBlocks[example * maskWords + (block >> 5)] >> (block & 31)) & 1u) == 0u;
        if (zero && !biases) {
            continue;
        }
        float16 dv = vload16(0, delta + (size_t) r * outWidth + j0);
        if (biases) {
            accBias += dv;
        }
        if (zero) {
            continue;
        }
        __global const float* a = input + (size_t) example * inWidth;
        float x[ROWS];
        bool any = false;
        #pragma unroll
        for (int i = 0; i < ROWS; i++) {
            x[i] = a[kk[i]];
            any |= x[i] != 0.0f;
        }
        if (any) {
            #pragma unroll
            for (int i = 0; i < ROWS; i++) {
                acc[i] = fma((float16) x[i], dv, acc[i]);
            }
        }
    }
    int lanes = min(LANES, outWidth - j0);
    for (int i = 0; i < ROWS && k0 + i < inWidth; i++) {
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
