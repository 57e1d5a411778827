package dev.mlp4j.cpu;

import java.nio.FloatBuffer;

/**
 * The SGD step with classical momentum and L2 that {@link dev.mlp4j.core.backend.ReferenceBackend} takes, on one
 * parameter array: ∇C = g + (λ/n)w; v ← μv − η∇C; w ← w + v (with μ = 0, w ← w − η∇C and v untouched). The update
 * is one piece with the parameter, velocity and gradient arrays passed in, so that another rule can take its place.
 */
final class MomentumStep {
    private MomentumStep() {
    }

    /** Updates elements [from, to) of {@code w} and {@code v} from the gradient {@code g}. */
    static void apply(FloatBuffer w, FloatBuffer v, FloatBuffer g, float eta, float mu, float l2Scale, int from, int to) {
        if (mu == 0) {
            for (int i = from; i < to; i++) {
                float wi = w.get(i);
                w.put(i, wi - eta * (g.get(i) + l2Scale * wi));
            }
            return;
        }
        for (int i = from; i < to; i++) {
            float wi = w.get(i);
            float vi = mu * v.get(i) - eta * (g.get(i) + l2Scale * wi);
            v.put(i, vi);
            w.put(i, wi + vi);
        }
    }
}
