package dev.mlp4j.cpu;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendInfo;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

import java.nio.FloatBuffer;

/**
 * The network in float32 on the processor: a batch's examples are rows, so each layer's forward pass, its backward
 * pass and its weight gradient are each one OpenBLAS sgemm over the whole batch, and the element-wise passes between
 * them (bias and activation, dropout, σ', the cost and δ of the output, the update) run in Java, split over the cores
 * where they are big enough. Computes what {@link dev.mlp4j.core.backend.ReferenceBackend} computes, the same
 * dropout masks included, within float32's rounding.
 */
final class CpuBackend implements Backend {
    /** Forward passes over more examples than this run a chunk at a time, so work buffers stay a few MB. */
    private static final int FORWARD_CHUNK = 1024;

    private final NetworkSpec spec;
    private final String device;
    private final int depth;
    private final FloatLayers parameters;
    private final FloatLayers velocities;
    private final FloatLayers gradients;
    private final OutputLayerPass outputPass;
    private DataSet training;
    private double costSum;

    private int capacity;
    /** a[0] is the input rows; a[l+1] = σ(z[l]), after dropout for hidden layers. */
    private FloatBuffer[] a;
    /** σ(z[l]) before dropout: the same buffers as a[l+1] while dropout is off. */
    private FloatBuffer[] undropped;
    private FloatBuffer[] dropped;
    private FloatBuffer[] dropScale;
    private FloatBuffer[] z;
    private FloatBuffer[] delta;
    private FloatBuffer ones;
    private float[] targets;

    CpuBackend(NetworkSpec spec, String device) {
        this.spec = spec;
        this.device = device;
        this.depth = spec.depth();
        this.parameters = new FloatLayers(spec);
        this.velocities = new FloatLayers(spec);
        this.gradients = new FloatLayers(spec);
        this.outputPass = new OutputLayerPass(spec.output(), spec.cost(), spec.outputSize());
        ensureCapacity(1);
    }

    @Override
    public BackendInfo info() {
        return new BackendInfo(CpuProvider.NAME, device, "float32");
    }

    @Override
    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public void setParameters(Parameters p) {
        Backend.requireFor(spec, p, "parameters");
        parameters.copyFrom(p);
        velocities.fillZero();
    }

    @Override
    public Parameters parameters() {
        return parameters.toParameters();
    }

    @Override
    public Parameters velocities() {
        return velocities.toParameters();
    }

    @Override
    public void setVelocities(Parameters v) {
        Backend.requireFor(spec, v, "velocities");
        velocities.copyFrom(v);
    }

    @Override
    public double[] forward(Batch batch) {
        spec.requireExampleWidths(batch.inputSize(), batch.outputSize(), "the batch");
        int n = spec.outputSize();
        double[] out = new double[batch.size() * n];
        for (int from = 0; from < batch.size(); from += FORWARD_CHUNK) {
            int m = Math.min(FORWARD_CHUNK, batch.size() - from);
            putInputs(batch, from, m);
            feedForward(m, StepSettings.NONE, false);
            FloatBuffer outputs = a[depth];
            for (int i = 0; i < m * n; i++) {
                out[from * n + i] = outputs.get(i);
            }
        }
        return out;
    }

    @Override
    public Gradients gradients(Batch batch, StepSettings settings) {
        spec.requireExampleWidths(batch.inputSize(), batch.outputSize(), "the batch");
        int m = batch.size();
        putInputs(batch, 0, m);
        for (int i = 0; i < m * spec.outputSize(); i++) {
            targets[i] = (float) batch.targets()[i];
        }
        feedForward(m, settings, true);
        backPropagate(m, settings, null);
        Parameters g = gradients.toParameters();
        double l2 = settings.l2Scale();
        if (l2 != 0) {
            // The L2 term in double from the float weights, as the reference adds it.
            Parameters w = parameters.toParameters();
            for (int l = 0; l < depth; l++) {
                double[] gw = g.weights(l);
                double[] wl = w.weights(l);
                for (int i = 0; i < gw.length; i++) {
                    gw[i] += l2 * wl[i];
                }
            }
        }
        double[][] gw = new double[depth][];
        double[][] gb = new double[depth][];
        for (int l = 0; l < depth; l++) {
            gw[l] = g.weights(l);
            gb[l] = g.biases(l);
        }
        return new Gradients(spec, gw, gb);
    }

    @Override
    public void bindTrainingSet(DataSet train) {
        if (train != null) {
            spec.requireExampleWidths(train.inputSize(), train.outputSize(), "the training set " + train);
        }
        this.training = train;
    }

    @Override
    public void trainBatch(int[] order, int from, int to, StepSettings s) {
        if (training == null) {
            throw new IllegalStateException("bindTrainingSet must come before trainBatch");
        }
        int m = to - from;
        ensureCapacity(m);
        int in = spec.inputSize();
        int out = spec.outputSize();
        float[] x = training.inputArray();
        float[] y = training.targetArray();
        for (int r = 0; r < m; r++) {
            int e = order[from + r];
            a[0].put(r * in, x, e * in, in);
            System.arraycopy(y, e * out, targets, r * out, out);
        }
        costSum += feedForward(m, s, true);
        backPropagate(m, s, new MomentumStep(s.learningRate(), s.momentum(), s.l2Scale()));
    }

    @Override
    public double drainCostSum() {
        double c = costSum;
        costSum = 0;
        return c;
    }

    @Override
    public void close() {
        training = null;
    }

    /** Copies rows [from, from + m) of the batch's inputs into a[0], rounded to float. */
    private void putInputs(Batch batch, int from, int m) {
        ensureCapacity(m);
        int in = spec.inputSize();
        double[] x = batch.inputs();
        FloatBuffer a0 = a[0];
        for (int i = 0; i < m * in; i++) {
            a0.put(i, (float) x[from * in + i]);
        }
    }

    /**
     * The forward pass over the first m rows of a[0]; with {@code train}, also the output's δ from {@link #targets}.
     * Returns the rows' summed cost when training (0 otherwise).
     */
    private double feedForward(int m, StepSettings s, boolean train) {
        double cost = 0;
        for (int l = 0; l < depth; l++) {
            int in = spec.size(l);
            int out = spec.size(l + 1);
            FloatBuffer zl = z[l];
            FloatBuffer bl = parameters.biases(l);
            OpenBlas.timesTransposed(m, out, in, 1f, a[l], parameters.weights(l), 0f, zl);
            if (l < depth - 1) {
                boolean dropout = s.dropout() > 0;
                FloatBuffer al = dropout ? dropped[l + 1] : undropped[l + 1];
                a[l + 1] = al;
                Activation sigma = spec.activation(l);
                int layer = l;
                Parallel.forEach(m, 3L * out, (from, to) -> HiddenLayerPass.forward(sigma, layer, out, zl, bl, undropped[layer + 1], al,
                        dropScale[layer], s.dropout(), s.dropoutKey(), from, to));
            } else {
                float[] y = train ? targets : null;
                FloatBuffer al = a[l + 1];
                FloatBuffer dl = delta[l];
                cost = Parallel.sum(m, 20L * out, (from, to) -> outputPass.run(zl, bl, al, y, dl, from, to));
            }
        }
        return cost;
    }

    /**
     * δ of every layer from the output's, and with each layer's δ either that layer's step ({@code step}), or, with
     * no step, its gradient (mean over the m rows, no L2 term) into {@link #gradients}. A layer's δ below is taken
     * through its weights before they are stepped.
     */
    private void backPropagate(int m, StepSettings s, MomentumStep step) {
        float inv = 1f / m;
        for (int l = depth - 1; l >= 0; l--) {
            int in = spec.size(l);
            int out = spec.size(l + 1);
            if (l > 0) {
                FloatBuffer below = delta[l - 1];
                OpenBlas.times(m, in, out, delta[l], parameters.weights(l), below);
                Activation sigma = spec.activation(l - 1);
                FloatBuffer zl = z[l - 1];
                FloatBuffer hl = undropped[l];
                FloatBuffer scale = s.dropout() > 0 ? dropScale[l - 1] : null;
                Parallel.forEach(m * in, 2, (from, to) -> HiddenLayerPass.backward(sigma, zl, hl, below, scale, from, to));
            }
            if (step == null) {
                OpenBlas.transposedTimes(out, in, m, inv, delta[l], a[l], 0f, gradients.weights(l));
                OpenBlas.transposedTimesVector(m, out, inv, delta[l], ones, 0f, gradients.biases(l));
            } else {
                step.weights(out, in, m, delta[l], a[l], parameters.weights(l), velocities.weights(l));
                step.biases(out, m, delta[l], ones, parameters.biases(l), velocities.biases(l));
            }
        }
    }

    private void ensureCapacity(int rows) {
        if (rows <= capacity) {
            return;
        }
        capacity = rows;
        a = new FloatBuffer[depth + 1];
        undropped = new FloatBuffer[depth + 1];
        dropped = new FloatBuffer[depth + 1];
        dropScale = new FloatBuffer[depth];
        z = new FloatBuffer[depth];
        delta = new FloatBuffer[depth];
        for (int l = 0; l <= depth; l++) {
            a[l] = FloatLayers.floats(rows * spec.size(l));
            undropped[l] = a[l];
        }
        for (int l = 0; l < depth; l++) {
            z[l] = FloatLayers.floats(rows * spec.size(l + 1));
            delta[l] = FloatLayers.floats(rows * spec.size(l + 1));
            if (l < depth - 1) {
                dropped[l + 1] = FloatLayers.floats(rows * spec.size(l + 1));
                dropScale[l] = FloatLayers.floats(rows * spec.size(l + 1));
            }
        }
        ones = FloatLayers.floats(rows);
        for (int i = 0; i < rows; i++) {
            ones.put(i, 1f);
        }
        targets = new float[rows * spec.outputSize()];
    }
}
