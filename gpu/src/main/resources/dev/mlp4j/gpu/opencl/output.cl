/*
 * The output layer, one work-item per example: bias, the output activation (softmax needs the row), BP1's
 * delta, and the example's cost added to the running sum. Mirrors OutputDelta.compute and Cost.value.
 */
#define COST_QUADRATIC 0
#define COST_CROSS_ENTROPY 1
#define COST_LOG_LIKELIHOOD 2

/* dC/da for one output, as Cost.gradient. */
float cost_gradient(int cost, float a, float y) {
    switch (cost) {
        case COST_CROSS_ENTROPY: return (a - y) / (a * (1.0f - a));
        case COST_LOG_LIKELIHOOD: return y == 0.0f ? 0.0f : -y / a;
        default: return a - y;
    }
}

/* One output's share of C from a, as Cost.value, for the pairs whose a cannot saturate to where ln overflows. */
float cost_term(int cost, float a, float y) {
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

float softplus(float z) {
    return fmax(z, 0.0f) + log1p(exp(-fabs(z)));
}

float16 softplus16(float16 z) {
    return fmax(z, 0.0f) + log1p(exp(-fabs(z)));
}

/* ln sum_k e^{z_k} over a row, leaving out index skip (-1: none). */
float log_sum_exp(__global const float* z, int width, int skip) {
    float max = -INFINITY;
    for (int k = 0; k < width; k++) {
        if (k != skip) max = fmax(max, z[k]);
    }
    float sum = 0.0f;
    for (int k = 0; k < width; k++) {
        if (k != skip) sum += exp(z[k] - max);
    }
    return max + log(sum);
}

/*
 * 1 - a_k of a softmax row. Near a_k = 1 the subtraction keeps no digits, so there it is the sum of the other
 * outputs; at most one unit of a row is above 0.5, so a row costs one such sum.
 */
float one_minus_output(__global const float* a, int width, int k) {
    if (a[k] <= 0.5f) {
        return 1.0f - a[k];
    }
    float others = 0.0f;
    for (int m = 0; m < width; m++) {
        if (m != k) others += a[m];
    }
    return others;
}

/*
 * One example's cost from z, as OutputCost.value, for sigmoid with cross-entropy and softmax with either log cost:
 * in float32 a unit saturates to a = 1 exactly once z passes about 17, and ln(1 - a) would read infinite although
 * the cost is about z. Returns NAN for the pairs that take their cost from a.
 */
float cost_from_z(__global const float* z, __global const float* y, int width, int activation, int cost) {
    if (activation == ACT_SIGMOID && cost == COST_CROSS_ENTROPY) {
        float c = 0.0f;
        for (int j = 0; j < width; j++) {
            c += softplus(z[j]) - y[j] * z[j];
        }
        return c;
    }
    if (activation != ACT_SOFTMAX || cost == COST_QUADRATIC) {
        return NAN;
    }
    float lse = log_sum_exp(z, width, -1);
    float c = 0.0f;
    for (int j = 0; j < width; j++) {
        if (y[j] != 0.0f) c -= y[j] * (z[j] - lse);
        if (cost == COST_CROSS_ENTROPY && y[j] != 1.0f) {
            /* Near a_j = 1, 1 - a_j has lost its digits; the sum over the other units keeps them. */
            float a = exp(z[j] - lse);
            float log1MinusA = a > 0.5f ? log_sum_exp(z, width, j) - lse : log1p(-a);
            c -= (1.0f - y[j]) * log1MinusA;
        }
    }
    return c;
}

/*
 * Finishes one example's output row: a holds z without the bias on entry and the output activation on return;
 * the cost is taken from z before a overwrites it, where the pair allows;
 * d receives BP1's delta when computeDelta is set; *costSlot gains the example's cost when keepCost is set.
 */
void finish_output_row(__global float* a, __global float* d, __global const float* b, __global const float* y,
                              int width, int activation, int cost, int aMinusY, int computeDelta,
                              __global float* costSlot, int keepCost) {
    for (int j = 0; j < width; j++) {
        a[j] += b[j];
    }
    float c = keepCost ? cost_from_z(a, y, width, activation, cost) : 0.0f;
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
        } else if (activation == ACT_SOFTMAX && cost == COST_CROSS_ENTROPY) {
            /*
             * OutputDelta.softmaxCrossEntropy: the chain rule carried through so that nothing divides by 1 - a_k
             * as computed from a_k, which is 0 once a unit saturates (z ahead by about 17 in float32). Only past a
             * lead of about 87, where a_i and 1 - a_k both underflow to 0, is a_i / (1 - a_k) set to 0.
             */
            for (int i = 0; i < width; i++) {
                float di = a[i] - y[i];
                for (int k = 0; k < width; k++) {
                    if (k == i) continue;
                    float ratio = a[i] == 0.0f ? 0.0f : a[i] / one_minus_output(a, width, k);
                    di += y[k] * a[i] - (1.0f - y[k]) * a[k] * ratio;
                }
                d[i] = di;
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
        if (isnan(c)) {
            c = 0.0f;
            for (int j = 0; j < width; j++) {
                c += cost_term(cost, a[j], y[j]);
            }
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
