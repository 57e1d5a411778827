/*
 * The small steps around the matrix products when CLBlast computes those products: each is one of Backprop's
 * element-wise lines. Device layout: a layer's weights are stored input-major (row k = input unit, column j =
 * output unit), the transpose of Parameters, so that every product reads contiguous rows; all layers' weights
 * come first in the parameter buffer and all biases after them, so one update covers the whole network.
 */

/*
 * The batch's inputs from the bound training set: dst row r = src row indices[indexOffset + r].
 * This and the next two kernels take one work-item per (row, unit), flattened into dimension 0: a grid's other
 * dimensions allow only 65,535 work-groups on NVIDIA's driver, fewer than a large batch has rows.
 */
__kernel void gather_rows(__global const float* src, __global float* dst, __global const int* indices,
                          int indexOffset, int rows, int width) {
    size_t i = get_global_id(0);
    if (i >= (size_t) rows * width) {
        return;
    }
    int r = (int) (i / width);
    int c = (int) (i % width);
    dst[i] = src[(size_t) indices[indexOffset + r] * width + c];
}

/* A hidden layer after z = a w^T: adds the bias, applies sigma and dropout, in place (raw keeps the undropped a). */
__kernel void bias_activation(__global float* za, __global float* raw, int rows, int width,
                              __global const float* params, int biasOffset, int kind,
                              uint key, uint layer, uint threshold, float keptScale) {
    size_t g = get_global_id(0);
    if (g >= (size_t) rows * width) {
        return;
    }
    int i = (int) g;
    int r = i / width;
    int j = i % width;
    store_hidden(kind, za[i] + params[biasOffset + j], za, raw, i, key, layer, (uint) r, (uint) j, threshold, keptScale);
}

/*
 * BP2's element-wise half, in place: delta = (w^T delta') * dropout scale * sigma'(z), sigma' taken from the
 * undropped activation a (raw when dropout is on).
 */
__kernel void derivative_dropout(__global float* delta, __global const float* a, int rows, int width, int kind,
                                 uint key, uint layer, uint threshold, float keptScale) {
    size_t g = get_global_id(0);
    if (g >= (size_t) rows * width) {
        return;
    }
    int i = (int) g;
    int r = i / width;
    int j = i % width;
    delta[i] *= dropout_scale(key, layer, (uint) r, (uint) j, threshold, keptScale) * derivative_from_output(kind, a[i]);
}

/* BP3: dC/db_j = mean over the batch of delta_j. One work-item per unit, summing in a fixed order. */
__kernel void bias_gradient(__global const float* delta, int rows, int width, __global float* grads,
                            int gradOffset, float inverseRows) {
    int j = get_global_id(0);
    if (j >= width) {
        return;
    }
    float s = 0.0f;
    for (int r = 0; r < rows; r++) {
        s += delta[r * width + j];
    }
    grads[gradOffset + j] = s * inverseRows;
}

/* The L2 term of the gradient, (lambda/n) w, added to every weight's gradient (biases are not regularised). */
__kernel void add_l2(__global float* grads, __global const float* params, int weightCount, float l2Scale) {
    int i = get_global_id(0);
    if (i < weightCount) {
        grads[i] += l2Scale * params[i];
    }
}

/*
 * SGD with classical momentum over the whole parameter buffer: g = grad + (lambda/n) w for weights,
 * v = mu v - eta g, w += v; with mu = 0, w -= eta g and the velocities are left alone, as the reference does.
 */
__kernel void sgd_update(__global float* params, __global float* velocities, __global const float* grads,
                         int count, int weightCount, float learningRate, float momentum, float l2Scale) {
    int i = get_global_id(0);
    if (i >= count) {
        return;
    }
    float g = grads[i];
    if (i < weightCount) {
        g += l2Scale * params[i];
    }
    apply_step(params, velocities, i, g, learningRate, momentum);
}
