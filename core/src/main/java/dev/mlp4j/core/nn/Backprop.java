package dev.mlp4j.core.nn;

import dev.mlp4j.core.data.Batch;

import java.util.Arrays;

/**
 * The reference forward pass and backpropagation over a mini-batch, in double precision. Read it beside
 * Nielsen's network2.py {@code Network.backprop}: the same four equations (BP1–BP4), with the batch's examples as
 * rows so one pass serves the whole batch.
 *
 * <p>Holds only work arrays, reused between batches; the parameters are passed in.
 */
public final class Backprop {
    private final NetworkSpec spec;
    private final int depth;
    private int capacity;
    /** activations[0] is the input x; activations[l+1] = σ(zs[l]), after dropout for hidden layers. */
    private double[][] activations;
    private double[][] zs;
    /** σ(z) before dropout; the same arrays as activations when dropout is off. */
    private double[][] undropped;
    /** 0 for a dropped unit, 1/(1−p) for a kept one. */
    private double[][] dropScale;
    private double[][] deltas;
    private double[] scratch;
    /** The input layer's non-zeros, packed once by the forward pass and reused by the weight gradient. */
    private final SparseRows inputNonZeros = new SparseRows();
    private boolean inputPacked;

    public Backprop(NetworkSpec spec) {
        this.spec = spec;
        this.depth = spec.depth();
        ensureCapacity(1);
    }

    private void ensureCapacity(int rows) {
        if (rows <= capacity) {
            return;
        }
        capacity = rows;
        activations = new double[depth + 1][];
        undropped = new double[depth + 1][];
        zs = new double[depth][];
        dropScale = new double[depth][];
        deltas = new double[depth][];
        for (int l = 0; l <= depth; l++) {
            activations[l] = new double[rows * spec.size(l)];
            undropped[l] = activations[l];
        }
        for (int l = 0; l < depth; l++) {
            zs[l] = new double[rows * spec.size(l + 1)];
            deltas[l] = new double[rows * spec.size(l + 1)];
        }
        scratch = new double[rows * spec.outputSize()];
    }

    /**
     * Feeds the batch forward and returns the output activations (rows × outputs; a work array, valid until the
     * next call). With dropout > 0 each hidden layer's units are dropped by the mask the settings select.
     */
    public double[] feedforward(Parameters p, Batch batch, StepSettings settings) {
        // Every pass starts here, so this one check keeps a batch of other widths from being read as wrong rows.
        spec.requireSame(p.spec(), "the parameters", "this Backprop was made", "make the Backprop with the parameters' NetworkSpec");
        spec.requireExampleWidths(batch.inputSize(), batch.outputSize(), "the batch");
        int m = batch.size();
        ensureCapacity(m);
        System.arraycopy(batch.inputs(), 0, activations[0], 0, m * spec.inputSize());
        boolean dropout = settings.dropout() > 0;
        for (int l = 0; l < depth; l++) {
            int in = spec.size(l);
            int out = spec.size(l + 1);
            Activation sigma = spec.activation(l);
            // z = w·a + b
            MatrixKernels.affine(activations[l], m, in, p.weights(l), p.biases(l), out, zs[l], l == 0 ? inputNonZeros : null);
            if (l == 0) {
                inputPacked = inputNonZeros.sparse;
            }
            boolean hidden = l < depth - 1;
            if (dropout && hidden) {
                if (undropped[l + 1] == activations[l + 1]) {
                    undropped[l + 1] = new double[activations[l + 1].length];
                }
                if (dropScale[l] == null || dropScale[l].length < m * out) {
                    dropScale[l] = new double[capacity * out];
                }
            } else {
                undropped[l + 1] = activations[l + 1];
            }
            // a = σ(z)
            for (int r = 0; r < m; r++) {
                sigma.apply(zs[l], undropped[l + 1], r * out, out);
            }
            if (dropout && hidden) {
                double keptScale = 1.0 / (1.0 - settings.dropout());
                for (int r = 0; r < m; r++) {
                    for (int j = 0; j < out; j++) {
                        int i = r * out + j;
                        double s = DropoutMask.keeps(settings.dropoutKey(), l, r, j, settings.dropout()) ? keptScale : 0.0;
                        dropScale[l][i] = s;
                        activations[l + 1][i] = undropped[l + 1][i] * s;
                    }
                }
            }
        }
        return activations[depth];
    }

    /** The mean cost of the batch at p, plus (λ/2n)Σw²: the function whose gradient {@link #backprop} returns. */
    public double cost(Parameters p, Batch batch, StepSettings settings) {
        return costSum(p, batch, settings) / batch.size() + 0.5 * settings.l2Scale() * p.sumOfSquaredWeights();
    }

    /** Σ over the batch of each example's cost (no L2 term, no averaging). */
    public double costSum(Parameters p, Batch batch, StepSettings settings) {
        feedforward(p, batch, settings);
        return costSumOfLastForward(batch);
    }

    private double costSumOfLastForward(Batch batch) {
        int n = spec.outputSize();
        double sum = 0;
        for (int r = 0; r < batch.size(); r++) {
            sum += OutputCost.value(spec.output(), spec.cost(), zs[depth - 1], activations[depth], batch.targets(), r * n, n);
        }
        return sum;
    }

    /**
     * ∇C of the batch's mean cost plus (λ/2n)Σw², written into {@code grad} (overwritten). Returns Σ of the
     * examples' costs from the same forward pass, which training reports for free.
     */
    public double backprop(Parameters p, Batch batch, StepSettings settings, Gradients grad) {
        double costSum = dataGradient(p, batch, settings, grad);
        double l2 = settings.l2Scale();
        if (l2 != 0) {
            for (int l = 0; l < depth; l++) {
                double[] gw = grad.weights()[l];
                double[] w = p.weights(l);
                for (int i = 0; i < gw.length; i++) {
                    gw[i] += l2 * w[i];
                }
            }
        }
        return costSum;
    }

    /**
     * ∇ of the batch's mean cost without the L2 term, into {@code grad} (overwritten); returns Σ of the examples'
     * costs. Training adds the L2 term inside its update instead, saving a pass over the weights.
     */
    public double dataGradient(Parameters p, Batch batch, StepSettings settings, Gradients grad) {
        int m = batch.size();
        feedforward(p, batch, settings);
        double costSum = costSumOfLastForward(batch);
        int L = depth - 1;
        int nOut = spec.outputSize();
        // BP1: δᴸ = ∂C/∂zᴸ, derived for the (output activation, cost) pair.
        for (int r = 0; r < m; r++) {
            OutputDelta.compute(spec.output(), spec.cost(), zs[L], activations[depth], batch.targets(),
                    deltas[L], scratch, r * nOut, nOut);
        }
        // BP2: δˡ = (wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ σ'(zˡ), with dropout's mask in the chain where it was in the forward pass.
        for (int l = L - 1; l >= 0; l--) {
            int width = spec.size(l + 1);
            MatrixKernels.backPropagate(deltas[l + 1], m, spec.size(l + 2), p.weights(l + 1), width, deltas[l]);
            if (settings.dropout() > 0) {
                for (int i = 0; i < m * width; i++) {
                    deltas[l][i] *= dropScale[l][i];
                }
            }
            for (int r = 0; r < m; r++) {
                spec.activation(l).backward(zs[l], undropped[l + 1], deltas[l], deltas[l], r * width, width);
            }
        }
        // BP3 and BP4: ∂C/∂b = δ, ∂C/∂w = δ aᵀ, averaged over the batch.
        double inv = 1.0 / m;
        for (int l = 0; l < depth; l++) {
            int in = spec.size(l);
            int out = spec.size(l + 1);
            double[] gw = grad.weights()[l];
            double[] gb = grad.biases()[l];
            Arrays.fill(gw, 0.0);
            MatrixKernels.addOuterProducts(deltas[l], m, out, activations[l], in, inv, gw,
                    inputNonZeros, l == 0 && inputPacked);
            Arrays.fill(gb, 0.0);
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < out; j++) {
                    gb[j] += deltas[l][r * out + j];
                }
            }
            for (int j = 0; j < out; j++) {
                gb[j] *= inv;
            }
        }
        return costSum;
    }
}
