/* One parameter's SGD step, shared by sgd_update and the fused weight-gradient kernel. */
void apply_step(__global float* params, __global float* velocities, int i, float g,
                       float learningRate, float momentum) {
    if (momentum == 0.0f) {
        params[i] -= learningRate * g;
    } else {
        float v = momentum * velocities[i] - learningRate * g;
        velocities[i] = v;
        params[i] += v;
    }
}

/* The same step for 16 consecutive parameters. */
void apply_step16(__global float* params, __global float* velocities, int i, float16 g,
                         float learningRate, float momentum) {
    float16 w = vload16(0, params + i);
    if (momentum == 0.0f) {
        vstore16(w - learningRate * g, 0, params + i);
    } else {
        float16 v = momentum * vload16(0, velocities + i) - learningRate * g;
        vstore16(v, 0, velocities + i);
        vstore16(w + v, 0, params + i);
    }
}
