package dev.mlp4j.core.nn;

/**
 * What one SGD step on a mini-batch needs besides the batch and the parameters. It belongs to the network's
 * mathematics, not to a backend: {@link Backprop} reads its L2 and dropout settings, and every backend takes it from
 * here, so that nn depends on no other package of core.
 *
 * @param learningRate η
 * @param momentum     μ of classical momentum (0 for plain SGD): v ← μv − η∇C; w ← w + v
 * @param l2Scale      λ/n, Nielsen's L2 strength divided by the training-set size; adds (λ/2n)Σw² to the cost
 * @param dropout      probability of dropping each hidden unit (0 for none); kept units are scaled by 1/(1−p)
 * @param dropoutKey   selects this batch's dropout mask (see {@link DropoutMask})
 */
public record StepSettings(double learningRate, double momentum, double l2Scale, double dropout, int dropoutKey) {

    /** No learning rate, no regularisation: the settings under which a gradient is just ∇ of the mean cost. */
    public static final StepSettings NONE = new StepSettings(0, 0, 0, 0, 0);

    public static StepSettings gradientOnly(double l2Scale, double dropout, int dropoutKey) {
        return new StepSettings(0, 0, l2Scale, dropout, dropoutKey);
    }
}
