package dev.mlp4j.core.backend;

import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Backprop;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;

import java.util.Arrays;

/**
 * The reference backend: {@link Backprop} in double precision on the Java heap, one thread, and the SGD update
 * of Nielsen's {@code update_mini_batch} with classical momentum added. Every other backend is tested against
 * this one.
 */
public final class ReferenceBackend implements Backend {
    static final String DEVICE = "Java (reference, float64)";

    private final NetworkSpec spec;
    private final Backprop backprop;
    private final Parameters parameters;
    private final Parameters velocities;
    private final Gradients gradients;
    private DataSet training;
    private Batch batch;
    private double costSum;

    public ReferenceBackend(NetworkSpec spec) {
        this.spec = spec;
        this.backprop = new Backprop(spec);
        this.parameters = new Parameters(spec);
        this.velocities = new Parameters(spec);
        this.gradients = Gradients.zeros(spec);
    }

    @Override
    public BackendInfo info() {
        return new BackendInfo(ReferenceProvider.NAME, DEVICE, "float64");
    }

    @Override
    public BackendCapabilities capabilities() {
        return BackendCapabilities.IMMEDIATE;
    }

    @Override
    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public void setParameters(Parameters p) {
        Backend.requireFor(spec, p, "parameters");
        parameters.copyFrom(p);
        velocities.copyFrom(new Parameters(spec));
    }

    @Override
    public Parameters parameters() {
        return parameters.copy();
    }

    @Override
    public Parameters velocities() {
        return velocities.copy();
    }

    @Override
    public void setVelocities(Parameters v) {
        Backend.requireFor(spec, v, "velocities");
        velocities.copyFrom(v);
    }

    @Override
    public double[] forward(Batch b) {
        double[] out = backprop.feedforward(parameters, b, StepSettings.NONE);
        return Arrays.copyOf(out, b.size() * spec.outputSize());
    }

    @Override
    public Gradients gradients(Batch b, StepSettings settings) {
        Gradients g = Gradients.zeros(spec);
        backprop.backprop(parameters, b, settings, g);
        return g;
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
        batch = training.batch(order, from, to, batch);
        costSum += backprop.dataGradient(parameters, batch, s, gradients);
        // ∇C = g + (λ/n)w;  v ← μv − η∇C;  w ← w + v. With μ = 0 this is Nielsen's w ← (1 − ηλ/n)w − (η/m)Σ∇Cₓ.
        for (int l = 0; l < spec.depth(); l++) {
            update(parameters.weights(l), velocities.weights(l), gradients.weights()[l], s.l2Scale(), s);
            update(parameters.biases(l), velocities.biases(l), gradients.biases()[l], 0.0, s);
        }
    }

    private static void update(double[] w, double[] v, double[] g, double l2Scale, StepSettings s) {
        double mu = s.momentum();
        double eta = s.learningRate();
        if (mu == 0) {
            for (int i = 0; i < w.length; i++) {
                w[i] -= eta * (g[i] + l2Scale * w[i]);
            }
            return;
        }
        for (int i = 0; i < w.length; i++) {
            v[i] = mu * v[i] - eta * (g[i] + l2Scale * w[i]);
            w[i] += v[i];
        }
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
}
