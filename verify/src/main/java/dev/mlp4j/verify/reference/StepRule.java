package dev.mlp4j.verify.reference;

import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.verify.file.ParameterArray;

/**
 * How one SGD step turns a gradient into a change of the parameters: Nielsen's update with L2 weight decay and
 * classical momentum, ∇ = g + (λ/n)w; v ← μv − η∇; w ← w + v (with μ = 0: w ← w − η∇), biases without decay.
 * The mistaken variants verify tries are the same rule with one setting changed.
 *
 * @param learningRate η
 * @param momentum     μ
 * @param weightDecay  the factor of w in the gradient's L2 term, λ/n
 * @param decayBiases  true when the L2 term is (wrongly) applied to the biases too
 */
public record StepRule(double learningRate, double momentum, double weightDecay, boolean decayBiases) {

    public StepRule withLearningRate(double rate) {
        return new StepRule(rate, momentum, weightDecay, decayBiases);
    }

    /** The change of every parameter: the new velocity, which is also the step. {@code velocity} may be null (zero). */
    public Parameters delta(Parameters p, Parameters gradient, Parameters velocity) {
        Parameters d = new Parameters(p.spec());
        for (ParameterArray a : ParameterArray.all(p.spec())) {
            double[] w = a.values(p);
            double[] g = a.values(gradient);
            double[] v = velocity == null ? null : a.values(velocity);
            double[] out = a.values(d);
            double decay = a.weights() || decayBiases ? weightDecay : 0;
            for (int i = 0; i < out.length; i++) {
                double previous = v == null ? 0 : v[i];
                out[i] = momentum * previous - learningRate * (g[i] + decay * w[i]);
            }
        }
        return d;
    }
}
