package dev.mlp4j.gpu.opencl;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendInfo;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendUnavailableException;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.gpu.OpenClDevices;
import dev.mlp4j.gpu.opencl.context.ClBuffer;
import dev.mlp4j.gpu.opencl.context.ClContext;
import dev.mlp4j.gpu.opencl.context.DeviceFailures;
import org.jocl.CLException;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The network on an OpenCL device in float32, step for step the computation of core's Backprop and
 * ReferenceBackend. Parameters, velocities, the bound training set and every work buffer live on the device for
 * the backend's life; a training step sends only the epoch's order when it changes (once per epoch) and never
 * waits for the device: costs collect in one slot per position of the order and come back in
 * {@link #drainCostSum}, parameters in {@link #parameters}.
 *
 * <p>The matrix products run on CLBlast or on the backend's own vector kernels, see {@link MatrixEngine}.
 */
public final class OpenClBackend implements Backend {
    /** The name {@code --backend} takes. */
    public static final String NAME = "opencl";

    private final NetworkSpec spec;
    private final ClContext cl;
    private final DeviceNetwork net;
    private final LayerSteps steps;
    private final MatrixEngine engine;
    private final BackendInfo info;

    private int trainSize = -1;
    private final DeviceOrder order;
    private int[] identityOrder;
    /** The cost slots written since the last drain: [costFrom, costTo). */
    private int costFrom = Integer.MAX_VALUE;
    private int costTo;
    /** Costs read back early because the slots had to grow. */
    private double costCarried;
    private boolean closed;

    private OpenClBackend(NetworkSpec spec, ClContext cl, MatrixEngine engine) {
        this.spec = spec;
        this.cl = cl;
        this.engine = engine;
        this.net = new DeviceNetwork(cl, spec);
        this.steps = engine == MatrixEngine.CLBLAST ? new ClBlastSteps(net) : new VectorKernelSteps(net);
        this.order = new DeviceOrder(cl, net.order);
        cl.releaseAlso(order::release);
        this.info = new BackendInfo(NAME, cl.device().description(), "float32");
    }

    /** A backend on the device the options select, with the matrix engine suited to it. */
    public static OpenClBackend open(NetworkSpec spec, BackendOptions options) {
        return open(spec, options, MatrixEngine.AUTO);
    }

    /** A backend on the device the options select, computing its products with {@code engine}. */
    public static OpenClBackend open(NetworkSpec spec, BackendOptions options, MatrixEngine engine) {
        OpenClDevices.DeviceHandle handle = OpenClDevices.handle(options);
        MatrixEngine resolved = engine.resolve(handle.device());
        ClContext cl = ClContext.open(handle, KernelSource.program(resolved));
        try {
            return new OpenClBackend(spec, cl, resolved);
        } catch (CLException e) {
            throw cl.closeAfter(DeviceFailures.translate(e, handle.device().description(), "allocating the network"));
        } catch (RuntimeException e) {
            throw cl.closeAfter(e);
        }
    }

    /**
     * GFLOP/s of CLBlast's SGEMM alone, C(m x n) = A(m x k) B(k x n) row-major, averaged over {@code repeats} calls
     * after one untimed call (which compiles CLBlast's kernels for the shape).
     */
    public static double sgemmGflops(int m, int n, int k, int repeats, BackendOptions options) {
        return SgemmTiming.gflops(m, n, k, repeats, options);
    }

    /**
     * Seconds that CLBlast's SGEMM alone takes for the products of one training step of {@code spec} on
     * {@code batchSize} examples (forward, BP2 and BP4 of every layer, at the shapes {@link MatrixEngine#CLBLAST}
     * uses), averaged over {@code repeats} steps. batchSize divided by this is the throughput bound of a backend
     * whose only work is those products.
     */
    public static double trainingSgemmSeconds(NetworkSpec spec, int batchSize, int repeats, BackendOptions options) {
        return SgemmTiming.trainingStepSeconds(spec, batchSize, repeats, options);
    }

    /** The engine computing this backend's matrix products. */
    public MatrixEngine engine() {
        return engine;
    }

    @Override
    public BackendInfo info() {
        return info;
    }

    @Override
    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public void setParameters(Parameters p) {
        Backend.requireFor(spec, p, "parameters");
        onDevice("uploading parameters", () -> {
            net.params.write(net.layout.pack(p), net.layout.total());
            net.velocities.zero(0, net.layout.total());
            return null;
        });
    }

    @Override
    public Parameters parameters() {
        return onDevice("reading parameters", () -> net.layout.unpack(read(net.params, net.layout.total())));
    }

    @Override
    public Parameters velocities() {
        return onDevice("reading velocities", () -> net.layout.unpack(read(net.velocities, net.layout.total())));
    }

    @Override
    public void setVelocities(Parameters v) {
        Backend.requireFor(spec, v, "velocities");
        onDevice("uploading velocities", () -> {
            net.velocities.write(net.layout.pack(v), net.layout.total());
            return null;
        });
    }

    @Override
    public double[] forward(Batch b) {
        spec.requireExampleWidths(b.inputSize(), b.outputSize(), "the batch");
        return onDevice("running the network forward", () -> {
            StepRows rows = upload(b, false, DeviceDropout.NONE);
            forwardPass(rows, DeviceDropout.NONE, new OutputWork(net.yBatch, false, false));
            float[] out = read(net.act[spec.depth() - 1], b.size() * spec.outputSize());
            double[] result = new double[out.length];
            for (int i = 0; i < out.length; i++) {
                result[i] = out[i];
            }
            return result;
        });
    }

    @Override
    public Gradients gradients(Batch b, StepSettings settings) {
        spec.requireExampleWidths(b.inputSize(), b.outputSize(), "the batch");
        return onDevice("computing gradients", () -> {
            DeviceDropout dropout = DeviceDropout.of(settings);
            StepRows rows = upload(b, true, dropout);
            forwardPass(rows, dropout, new OutputWork(net.yBatch, true, false));
            backwardPass(rows, dropout, settings, true);
            return net.layout.unpackGradients(read(net.grads, net.layout.total()));
        });
    }

    @Override
    public void bindTrainingSet(DataSet train) {
        spec.requireExampleWidths(train.inputSize(), train.outputSize(), "the training set " + train);
        onDevice("uploading the training set", () -> {
            net.bind(train.inputArray(), train.targetArray(), train.size());
            trainSize = train.size();
            order.forget();
            identityOrder = null;
            return null;
        });
    }

    @Override
    public void trainBatch(int[] positions, int from, int to, StepSettings settings) {
        if (trainSize < 0) {
            throw new IllegalStateException("bindTrainingSet must come before trainBatch");
        }
        if (to <= from) {
            return;
        }
        int[] examples = positions != null ? positions : identityOrder();
        onDevice("training a batch", () -> {
            order.ensureSent(examples, from, to, trainSize);
            ensureCostSlots(examples.length);
            DeviceDropout dropout = DeviceDropout.of(settings);
            net.ensureRows(to - from, dropout.on());
            StepRows rows = new StepRows(to - from, true, from);
            forwardPass(rows, dropout, new OutputWork(net.trainY, true, true));
            backwardPass(rows, dropout, settings, false);
            costFrom = Math.min(costFrom, from);
            costTo = Math.max(costTo, to);
            cl.flush();
            return null;
        });
    }

    @Override
    public double drainCostSum() {
        return onDevice("reading the costs", () -> {
            double sum = costCarried;
            costCarried = 0;
            if (costTo > costFrom) {
                for (float c : read(net.costs, costFrom, costTo - costFrom)) {
                    sum += c;
                }
                net.costs.zero(costFrom, costTo - costFrom);
            }
            costFrom = Integer.MAX_VALUE;
            costTo = 0;
            return sum;
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        cl.close();
    }

    private void forwardPass(StepRows rows, DeviceDropout dropout, OutputWork output) {
        steps.begin(rows);
        for (int l = 0; l < spec.depth() - 1; l++) {
            steps.forward(l, rows, dropout);
        }
        steps.forwardOutput(rows, output, dropout);
    }

    private void backwardPass(StepRows rows, DeviceDropout dropout, StepSettings settings, boolean store) {
        for (int l = spec.depth() - 1; l >= 0; l--) {
            if (l > 0) {
                steps.backward(l, rows, dropout);
            }
            steps.gradient(l, rows, settings, store);
        }
        steps.end(settings, store);
    }

    /** Copies a host batch (as float) into the batch buffers. */
    /** The batch's rows onto the device; its widths were checked by forward or gradients. */
    private StepRows upload(Batch b, boolean targets, DeviceDropout dropout) {
        int m = b.size();
        net.ensureRows(m, dropout.on());
        net.xBatch.write(toFloat(b.inputs(), m * spec.inputSize()), m * spec.inputSize());
        if (targets) {
            net.yBatch.write(toFloat(b.targets(), m * spec.outputSize()), m * spec.outputSize());
        }
        return StepRows.fromHost(m);
    }

    private void ensureCostSlots(int positions) {
        if (positions > net.costs.capacity()) {
            costCarried = drainCostSum(); // drainCostSum includes what was carried before
            net.costs.ensure(positions);
        }
    }

    private int[] identityOrder() {
        if (identityOrder == null) {
            identityOrder = new int[trainSize];
            Arrays.setAll(identityOrder, i -> i);
        }
        return identityOrder;
    }

    private static float[] read(ClBuffer b, int count) {
        return read(b, 0, count);
    }

    private static float[] read(ClBuffer b, int from, int count) {
        float[] out = new float[count];
        b.read(out, from, count);
        return out;
    }

    private static float[] toFloat(double[] values, int count) {
        float[] f = new float[count];
        for (int i = 0; i < count; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /** Runs device work, turning OpenCL's error codes into sentences (out of memory above all). */
    private <T> T onDevice(String doing, Supplier<T> work) {
        if (closed) {
            throw new IllegalStateException("the opencl backend is closed");
        }
        try {
            return work.get();
        } catch (CLException e) {
            BackendUnavailableException failure = DeviceFailures.translate(e, info.device(), doing);
            cl.failed(failure);
            throw failure;
        }
    }
}
