/*
 * The output layer, one work-item per example: bias, the output activation (softmax needs the row), BP1's
 * delta, and the example's cost added to the running sum. Mirrors OutputDelta.compute and Cost.value.
 */
#define COST_QUADRATIC 0
#define COST_CROSS_ENTROPY 1
#define COST_LOG_LIKELIHOOD 2

/* dC/da for one output, as Cost.gradient. */
inline float cost_gradient(int cost, float a, float y) {
    switch (cost) {
        case COST_CROSS_ENTROPY: return (a - y) / (a * (1.0f - a));
        case COST_LOG_LIKELIHOOD: return y == 0.0f ? 0.0f : -y / a;
        default: return a - y;
    }
}

/* One output's share of C, as Cost.value; 0 ln 0 is taken as 0, as the reference does. */
inline float cost_term(int cost, float a, float y) {
    switch (cost) {
        case COST_CROSS_ENTROPY: {
            float c = 0.0f;
            if (y != 0.0f) c -= y * log(a);
            if (y != 1.0f) c -= (1.0f - y) * log(1.0f - a);
            return c;
        }
        case COST_LOG_LIKELIHOOD: return y != 0.0f ? -y * log(a) : 0.0f;
        default: { float d = a - y; return 0.5f * d * d; }
    }
}

/*
 * Finishes one example's output row: a holds z without the bias on entry and the output activation on return;
 * d receives BP1's delta when computeDelta is set; *costSlot gains the example's cost when keepCost is set.
 */
inline void finish_output_row(__global float* a, __global float* d, __global const float* b, __global const float* y,
                              int width, int activation, int cost, int aMinusY, int computeDelta,
                              __global float* costSlot, int keepCost) {
    for (int j = 0; j < width; j++) {
        a[j] += b[j];
    }
    if (activation == ACT_SOFTMAX) {
        /* Subtracting the row's maximum keeps exp() from overflowing and changes nothing else. */
        float max = a[0];
        for (int j = 1; j < width; j++) {
            max = fmax(max, a[j]);
        }
        float sum = 0.0f;
        for (int j = 0; j < width; j++) {
            a[j] = exp(a[j] - max);
            sum += a[j];
        }
        for (int j = 0; j < width; j++) {
            a[j] /= sum;
        }
    } else {
        for (int j = 0; j < width; j++) {
            a[j] = activate(activation, a[j]);
        }
    }
    if (computeDelta) {
        if (aMinusY) {
            /* sigmoid with cross-entropy, softmax with log-likelihood, linear with quadratic: sigma' cancels. */
            for (int j = 0; j < width; j++) {
                d[j] = a[j] - y[j];
            }
        } else if (activation == ACT_SOFTMAX) {
            /* J^T g for softmax's Jacobian diag(a) - a a^T: a * (g - a.g). */
            float dot = 0.0f;
            for (int j = 0; j < width; j++) {
                dot += a[j] * cost_gradient(cost, a[j], y[j]);
            }
            for (int j = 0; j < width; j++) {
                d[j] = a[j] * (cost_gradient(cost, a[j], y[j]) - dot);
            }
        } else {
            for (int j = 0; j < width; j++) {
                d[j] = cost_gradient(cost, a[j], y[j]) * derivative_from_output(activation, a[j]);
            }
        }
    }
    if (keepCost) {
        float c = 0.0f;
        for (int j = 0; j < width; j++) {
            c += cost_term(cost, a[j], y[j]);
        }
        *costSlot += c;
    }
}

/*
 * The output layer after its product, one work-item per example. Target rows are read through the order when
 * indexed is set (training on the bound set), directly otherwise (a batch sent from the host). The cost goes to
 * costs[costOffset + r]: one slot per position in the epoch's order, so no two work-items ever add to the same
 * slot and the sum stays on the device until drainCostSum reads it.
 */
__kernel void output_layer(__global float* za, __global float* delta, int rows, int width,
                           __global const float* params, int biasOffset,
                           __global const float* targets, __global const int* indices, int indexOffset, int indexed,
                           __global float* costs, int costOffset, int keepCost, int computeDelta,
                           int activation, int cost, int aMinusY) {
    int r = get_global_id(0);
    if (r >= rows) {
        return;
    }
    int example = indexed ? indices[indexOffset + r] : r;
    finish_output_row(za + (size_t) r * width, delta + (size_t) r * width, params + biasOffset,
                      targets + (size_t) example * width, width, activation, cost, aMinusY, computeDelta,
                      costs + costOffset + r, keepCost);
}
