/*
 * The activations of Activation.java. Kinds are passed at run time rather than compiled in, so that one program
 * serves every network on a device; the branch is uniform across work-items and costs nothing measurable.
 */
#define ACT_SIGMOID 0
#define ACT_TANH 1
#define ACT_RELU 2
#define ACT_LINEAR 3
#define ACT_SOFTMAX 4

/* sigma(z) for every kind but softmax, which needs the whole row (see output.cl). */
float activate(int kind, float z) {
    switch (kind) {
        case ACT_SIGMOID: return 1.0f / (1.0f + exp(-z));
        case ACT_TANH: return tanh(z);
        case ACT_RELU: return z > 0.0f ? z : 0.0f;
        default: return z;
    }
}

/* sigma(z) on 16 units at once: the vector functions run several times faster than 16 scalar calls. */
float16 activate16(int kind, float16 z) {
    switch (kind) {
        case ACT_SIGMOID: return 1.0f / (1.0f + exp(-z));
        case ACT_TANH: return tanh(z);
        case ACT_RELU: return fmax(z, 0.0f);
        default: return z;
    }
}

/*
 * sigma'(z) written in terms of a = sigma(z), as Activation.derivative does, so that z need not be kept: relu's
 * z > 0 is the same test as a > 0.
 */
float derivative_from_output(int kind, float a) {
    switch (kind) {
        case ACT_SIGMOID: return a * (1.0f - a);
        case ACT_TANH: return 1.0f - a * a;
        case ACT_RELU: return a > 0.0f ? 1.0f : 0.0f;
        default: return 1.0f;
    }
}

/*
 * A hidden layer's output from its weighted input z (bias included): a = sigma(z), then dropout's mask. The
 * undropped a goes to raw when dropout is on, because backprop's sigma'(z) needs it.
 */
void store_hidden(int kind, float z, __global float* out, __global float* raw, int i,
                         uint key, uint layer, uint example, uint unit, uint threshold, float keptScale) {
    float a = activate(kind, z);
    if (threshold == 0u) {
        out[i] = a;
    } else {
        raw[i] = a;
        out[i] = a * dropout_scale(key, layer, example, unit, threshold, keptScale);
    }
}
