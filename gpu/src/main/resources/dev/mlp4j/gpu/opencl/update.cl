/* One parameter's SGD step, shared by sgd_update and the fused weight-gradient kernel. */
inline void apply_step(__global float* params, __global float* velocities, int i, float g,
                       float learningRate, float momentum) {
    if (momentum == 0.0f) {
        params[i] -= learningRate * g;
    } else {
        float v = momentum * velocities[i] - learningRate * g;
        velocities[i] = v;
        params[i] += v;
    }
}
