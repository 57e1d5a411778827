package dev.mlp4j.verify.file;

import dev.mlp4j.core.nn.Parameters;

/**
 * One training step as a verify file records it: the parameters before and after one SGD step on the file's batch.
 *
 * @param learningRate   η
 * @param momentum       μ of classical momentum, 0 for plain SGD: v ← μv − η∇C; w ← w + v
 * @param l2             λ of L2 regularisation (Nielsen's form: the weights decay by ηλ/n per step), 0 for none
 * @param n              the training-set size λ is divided by; 1 when there is no L2
 * @param before         parameters before the step (core's layout)
 * @param after          parameters after it, as the user's code computed them
 * @param velocityBefore the momentum velocity before the step in the same convention (v is the step itself:
 *                       after = before + v), or null for zero
 */
public record StepClaim(double learningRate, double momentum, double l2, int n, Parameters before, Parameters after,
                        Parameters velocityBefore) {

    /** λ/n, the factor the weights' L2 term carries in the gradient. */
    public double l2Scale() {
        return l2 / n;
    }
}
