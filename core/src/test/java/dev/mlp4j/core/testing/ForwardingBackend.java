package dev.mlp4j.core.testing;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendInfo;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;

/**
 * Forwards to the reference backend but declares no capabilities of its own ({@link Backend#capabilities()}), so the
 * trainer treats it like a device backend. Subclasses
 * inject faults: {@link #beforeCall()} runs before every call that would reach a device, and {@link #steps}
 * counts the training steps taken.
 */
public class ForwardingBackend implements Backend {
    protected final ReferenceBackend inner;
    protected int steps;

    public ForwardingBackend(NetworkSpec spec) {
        inner = new ReferenceBackend(spec);
    }

    /** Runs before each call that reaches the device; throws to fail it. */
    protected void beforeCall() {
    }

    @Override
    public BackendInfo info() {
        return new BackendInfo("forwarding", "test", "float64");
    }

    @Override
    public NetworkSpec spec() {
        return inner.spec();
    }

    @Override
    public void setParameters(Parameters p) {
        beforeCall();
        inner.setParameters(p);
    }

    @Override
    public Parameters parameters() {
        beforeCall();
        return inner.parameters();
    }

    @Override
    public Parameters velocities() {
        beforeCall();
        return inner.velocities();
    }

    @Override
    public void setVelocities(Parameters v) {
        beforeCall();
        inner.setVelocities(v);
    }

    @Override
    public double[] forward(Batch b) {
        beforeCall();
        return inner.forward(b);
    }

    @Override
    public Gradients gradients(Batch b, StepSettings s) {
        beforeCall();
        return inner.gradients(b, s);
    }

    @Override
    public void bindTrainingSet(DataSet train) {
        inner.bindTrainingSet(train);
    }

    @Override
    public void trainBatch(int[] order, int from, int to, StepSettings s) {
        beforeCall();
        inner.trainBatch(order, from, to, s);
        steps++;
    }

    @Override
    public double drainCostSum() {
        beforeCall();
        return inner.drainCostSum();
    }

    @Override
    public void close() {
        inner.close();
    }
}
