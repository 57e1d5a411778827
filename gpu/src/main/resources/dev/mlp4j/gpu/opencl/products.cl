/*
 * Matrix products written for CPU OpenCL devices (PoCL), each fused with the element-wise step around it. There
 * CLBlast's kernels, tuned for GPUs around local memory and barriers, reach a fifth to a tenth of what these do: these keep
 * a tile of ROWS rows by 16 columns in float16 registers, broadcast one operand and load the other as a vector,
 * and never synchronise. A launch over a batch's rows and a layer's units numbers its tiles in one dimension, units
 * varying fastest, since NVIDIA's driver allows only 65,535 work-groups in dimension 1.
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
/* Rows of a batch that weight_gradient lists at a time. */
#define ROW_CHUNK 512

/* Input row r of a layer: through the batch's indices into the bound training set for layer 0 when training. */
__global const float* input_row(__global const float* input, int width, __global const int* indices,
                                       int indexOffset, int indexed, int r) {
    return input + (size_t) (indexed ? indices[indexOffset + r] : r) * width;
}

/*
 * The forward product of one tile: acc[i] = z of row r0 + i (without the bias) for units [j0, j0 + 16).
 * Rows past the batch repeat its last row, so the loop stays branch-free; their results are not stored.
 */
void forward_tile(float16 acc[ROWS], __global const float* input, __global const int* indices,
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
void store_block(float16 z, __global float* row, int j0, int width) {
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
void store_hidden_block(float16 acc, int r, int j0, int width, __global const float* bias,
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
    int tiles = (outWidth + LANES - 1) / LANES;
    int j0 = (int) (get_global_id(0) % tiles) * LANES;
    int r0 = (int) (get_global_id(0) / tiles) * ROWS;
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
    int tiles = (outWidth + 4 * LANES - 1) / (4 * LANES);
    int j0 = (int) (get_global_id(0) % tiles) * 4 * LANES;
    int r = (int) (get_global_id(0) / tiles);
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

/* The sum of a vector's lanes. */
float sum16(float16 v) {
    float8 h8 = v.lo + v.hi;
    float4 h4 = h8.lo + h8.hi;
    return (h4.x + h4.y) + (h4.z + h4.w);
}

/* Which of a vector's 16 lanes fall inside a row of the given width. */
int16 lanes_below(int width) {
    return (int16) (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) < (int16) width;
}

/*
 * BP2 below a layer of at most 16 units, for rows [r0, r0 + count): delta_prev = (delta w) * dropout scale *
 * sigma'(z_prev). Each input unit's row of the input-major weights is one vector, used for every row; lanes past
 * the layer's width are zeroed in both operands, so what lies after a weight row never enters a sum.
 */
void backward_rows(__global const float* delta, int r0, int count, int inWidth, int outWidth,
                          __global const float* weights, __global float* deltaPrev, __global const float* aPrev,
                          int kind, uint key, uint layer, uint threshold, float keptScale) {
    int16 inside = lanes_below(outWidth);
    float16 d[ROWS];
    #pragma unroll
    for (int i = 0; i < ROWS; i++) {
        d[i] = select((float16) 0.0f, vload16(0, delta + (size_t) (r0 + min(i, count - 1)) * outWidth), inside);
    }
    for (int k = 0; k < inWidth; k++) {
        float16 w = select((float16) 0.0f, vload16(0, weights + (size_t) k * outWidth), inside);
        #pragma unroll
        for (int i = 0; i < ROWS; i++) {
            if (i < count) {
                int r = r0 + i;
                int o = r * inWidth + k;
                deltaPrev[o] = sum16(d[i] * w) * dropout_scale(key, layer, (uint) r, (uint) k, threshold, keptScale)
                        * derivative_from_output(kind, aPrev[o]);
            }
        }
    }
}

/*
 * finish_output_row for a row of at most 16 units held in a vector, for the pairs whose delta is a - y (sigmoid
 * with cross-entropy, softmax with log-likelihood, linear with quadratic): the same arithmetic on all units at
 * once. The scalar exp and log of the general path took most of this kernel's time. Lanes past the row's width
 * are kept out of every sum and never stored.
 */
void finish_output_row16(float16 zNoBias, __global float* a, __global float* d, __global const float* b,
                                __global const float* y, int width, int activation, int computeDelta,
                                __global float* costSlot, int keepCost) {
    int16 inside = lanes_below(width);
    float16 z = select((float16) 0.0f, zNoBias + vload16(0, b), inside);
    float16 t = select((float16) 0.0f, vload16(0, y), inside);
    float16 out;
    float c;
    if (activation == ACT_SOFTMAX) {
        /* log-likelihood from z: ln sum e^z - sum y z, the row's maximum taken out first as in log_sum_exp. */
        float16 masked = select((float16) -INFINITY, z, inside);
        float8 m8 = fmax(masked.lo, masked.hi);
        float4 m4 = fmax(m8.lo, m8.hi);
        float max = fmax(fmax(m4.x, m4.y), fmax(m4.z, m4.w));
        float16 e = select((float16) 0.0f, exp(z - max), inside);
        float sum = sum16(e);
        out = e / sum;
        c = sum16(t) * (max + log(sum)) - sum16(t * z);
    } else if (activation == ACT_SIGMOID) {
        /* cross-entropy from z: softplus(z) - y z. */
        out = 1.0f / (1.0f + exp(-z));
        c = sum16(select((float16) 0.0f, softplus16(z) - t * z, inside));
    } else {
        out = z;
        float16 diff = z - t;
        c = 0.5f * sum16(diff * diff);
    }
    store_block(out, a, 0, width);
    if (computeDelta) {
        store_block(out - t, d, 0, width);
    }
    if (keepCost) {
        *costSlot += c;
    }
}

/*
 * An output layer of at most 16 units in one launch: the forward product, then output_layer's work on each of
 * the tile's rows, which the tile holds whole, and with backPrev, BP2 for those rows as backward_layer would take
 * it. Saves two launches per step, which on a CPU device are worth more than the work they do.
 */
__kernel void forward_output_layer(__global const float* input, __global const int* indices, int indexOffset,
                                   int inputIndexed, int rows, int inWidth, int outWidth,
                                   __global const float* params, int weightOffset, int biasOffset,
                                   __global float* out, __global float* delta,
                                   __global const float* targets, int targetsIndexed,
                                   __global float* costs, int costOffset, int keepCost, int computeDelta,
                                   int activation, int cost, int aMinusY,
                                   int backPrev, __global float* deltaPrev, __global const float* aPrev, int kind,
                                   uint key, uint layer, uint threshold, float keptScale) {
    int r0 = get_global_id(0) * ROWS;
    if (r0 >= rows) {
        return;
    }
    float16 acc[ROWS];
    forward_tile(acc, input, indices, indexOffset, inputIndexed, rows, inWidth, outWidth, params + weightOffset, r0, 0);
    for (int i = 0; i < ROWS && r0 + i < rows; i++) {
        int r = r0 + i;
        int example = targetsIndexed ? indices[indexOffset + r] : r;
        __global const float* y = targets + (size_t) example * outWidth;
        if (aMinusY) {
            finish_output_row16(acc[i], out + (size_t) r * outWidth, delta + (size_t) r * outWidth,
                                params + biasOffset, y, outWidth, activation, computeDelta,
                                costs + costOffset + r, keepCost);
            continue;
        }
        float z[LANES];
        vstore16(acc[i], 0, z);
        __global float* a = out + (size_t) r * outWidth;
        for (int j = 0; j < outWidth; j++) {
            a[j] = z[j];
        }
        finish_output_row(a, delta + (size_t) r * outWidth, params + biasOffset, y,
                          outWidth, activation, cost, aMinusY, computeDelta, costs + costOffset + r, keepCost);
    }
    if (backPrev) {
        backward_rows(delta, r0, min(ROWS, rows - r0), inWidth, outWidth, params + weightOffset, deltaPrev, aPrev,
                      kind, key, layer, threshold, keptScale);
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
    int tiles = (inWidth + 3) / 4;
    int k0 = (int) (get_global_id(0) % tiles) * 4;
    int r0 = (int) (get_global_id(0) / tiles) * 4;
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
 * What follows the sums of a weight tile: g = sum/m + (lambda/n) w for rows [k0, k0 + ROWS) and units [j0, j0 + 16),
 * then either stored (gradients()) or the SGD step taken at once (training).
 */
void finish_weight_tile(float16 acc[ROWS], int k0, int j0, int inWidth, int outWidth,
                               __global float* params, int weightOffset, __global float* velocities,
                               __global float* grads, int storeGradient, float inverseRows, float l2Scale,
                               float learningRate, float momentum) {
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
}

/*
 * Rows [c0, c0 + chunk) of a batch whose group of ROWS inputs `block` is not all zero, listed without a branch:
 * every row is written, and the count moves past it only when its mask bit is set. Without a mask, every row.
 */
int list_rows(int listed[ROW_CHUNK], int c0, int chunk, __global const int* indices, int indexOffset,
                     int indexed, __global const uint* zeroBlocks, int maskWords, int block) {
    int count = 0;
    for (int c = 0; c < chunk; c++) {
        listed[count] = c0 + c;
        if (maskWords > 0) {
            int example = indexed ? indices[indexOffset + c0 + c] : c0 + c;
            count += (zeroBlocks[example * maskWords + (block >> 5)] >> (block & 31)) & 1u;
        } else {
            count++;
        }
    }
    return count;
}

/*
 * BP3 and BP4 for one layer, fused with what follows them: g = (1/m) sum_r a_r^T delta_r (+ (lambda/n) w for
 * weights), for weight rows [k0, k0 + ROWS) and every unit, 16 at a time; the work-item of the first rows also
 * sums delta for the biases. Then either the gradient is stored (gradients()) or the SGD step is applied at once
 * (training), so a training step needs no gradient buffer at all. Callers run it after backward_layer has read
 * this layer's weights.
 *
 * For layer 0 of a sparse set, zeroBlocks holds one bit per example and group of ROWS inputs, set when any of
 * them is non-zero (maskWords words per example; 0 words: no mask). The work-item first lists, without a branch,
 * the batch's rows whose group is not all zero (a third of MNIST's groups of 6 pixels), once for all its units,
 * then sums over only those rows: a branch per row would be mispredicted about as often as it is taken.
 */
__kernel void weight_gradient(__global const float* input, __global const int* indices, int indexOffset, int indexed,
                              __global const uint* zeroBlocks, int maskWords,
                              __global const float* delta, int rows, int inWidth, int outWidth,
                              __global float* params, int weightOffset, int biasOffset,
                              __global float* velocities, __global float* grads, int storeGradient,
                              float inverseRows, float l2Scale, float learningRate, float momentum) {
    int k0 = get_global_id(0) * ROWS;
    if (k0 >= inWidth) {
        return;
    }
    if (k0 == 0) {
        for (int j0 = 0; j0 < outWidth; j0 += LANES) {
            float16 accBias = (float16) 0.0f;
            for (int r = 0; r < rows; r++) {
                accBias += vload16(0, delta + (size_t) r * outWidth + j0);
            }
            float s[LANES];
            vstore16(accBias, 0, s);
            for (int c = 0; c < LANES && j0 + c < outWidth; c++) {
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
    /* Columns past the layer's width repeat its last column; their sums are not stored. */
    int kk[ROWS];
    #pragma unroll
    for (int i = 0; i < ROWS; i++) {
        kk[i] = min(k0 + i, inWidth - 1);
    }
    int block = k0 / ROWS;
    int listed[ROW_CHUNK];
    int count = list_rows(listed, 0, min(rows, ROW_CHUNK), indices, indexOffset, indexed, zeroBlocks, maskWords, block);
    for (int j0 = 0; j0 < outWidth; j0 += LANES) {
        float16 acc[ROWS];
        #pragma unroll
        for (int i = 0; i < ROWS; i++) {
            acc[i] = (float16) 0.0f;
        }
        for (int c0 = 0; c0 < rows; c0 += ROW_CHUNK) {
            if (c0 > 0 || j0 > 0 && rows > ROW_CHUNK) {
                /* Batches over ROW_CHUNK rows list again for each block of units; the others list once. */
                count = list_rows(listed, c0, min(rows - c0, ROW_CHUNK), indices, indexOffset, indexed, zeroBlocks,
                                  maskWords, block);
            }
            for (int t = 0; t < count; t++) {
                int r = listed[t];
                int example = indexed ? indices[indexOffset + r] : r;
                float16 dv = vload16(0, delta + (size_t) r * outWidth + j0);
                __global const float* a = input + (size_t) example * inWidth;
                #pragma unroll
                for (int i = 0; i < ROWS; i++) {
                    acc[i] = fma((float16) a[kk[i]], dv, acc[i]);
                }
            }
        }
        finish_weight_tile(acc, k0, j0, inWidth, outWidth, params, weightOffset, velocities, grads,
                           storeGradient, inverseRows, l2Scale, learningRate, momentum);
    }
}
