package dev.mlp4j.gpu.aparapi;

import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendInfo;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendProvider;
import dev.mlp4j.core.backend.BackendUnavailableException;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.OutputDelta;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.gpu.KernelCodes;
import dev.mlp4j.gpu.ParameterLayout;

import java.util.Arrays;

/**
 * The network in float32 through Aparapi: {@link NetworkKernel}'s passes in the order of core's Backprop and
 * ReferenceBackend. Aparapi keeps a kernel's arrays on the device between runs when buffers are explicit, so
 * parameters, velocities, the bound training set and the costs stay there; a step sends the order when it
 * changes and nothing else. Every pass is checked to have run on OpenCL: a fallback to Java threads is an error
 * here, never a silent slowdown.
 */
public final class AparapiBackend implements Backend {
    /** The name {@code --backend} takes. */
    public static final String NAME = "aparapi";
    private static final int GROUP = 64;
    /** Work-items per compute unit on a CPU device: enough groups to balance the threads, few enough to amortise each. */
    private static final int CPU_WORK_ITEMS_PER_UNIT = 4 * GROUP;

    private final NetworkSpec spec;
    private final OpenCLDevice device;
    /** Whether the device computes in the kernel's Java arrays themselves (a CPU device): see {@link #fetch}. */
    private final boolean inJavaArrays;
    private final int maxWorkItems;
    private final BackendInfo info;
    private final int[] sizes;
    /** The kernels' code of each weight layer's activation, the output layer's last. */
    private final int[] activations;
    /** Weight matrices as {@link Parameters} holds them, which NetworkKernel indexes. */
    private final ParameterLayout layout;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private NetworkKernel kernel;
    private int capacity;
    private float[] trainInputs = new float[1];
    private float[] trainTargets = new float[1];
    private int trainSize = -1;
    private int[] uploadedOrder;
    private int costFrom = Integer.MAX_VALUE;
    private int costTo;
    private double costCarried;

    private AparapiBackend(NetworkSpec spec, OpenCLDevice device) {
        this.spec = spec;
        this.device = device;
        this.inJavaArrays = device.getType() == Device.TYPE.CPU;
        // A GPU gets one work-item per item; a CPU device a few groups per compute unit.
        this.maxWorkItems = device.getType() == Device.TYPE.CPU
                ? Math.max(GROUP, device.getMaxComputeUnits() * CPU_WORK_ITEMS_PER_UNIT) : Integer.MAX_VALUE;
        this.info = new BackendInfo(NAME, AparapiDevices.describe(device), "float32");
        int depth = spec.depth();
        sizes = spec.layers().stream().mapToInt(Integer::intValue).toArray();
        activations = new int[depth];
        layout = new ParameterLayout(spec, ParameterLayout.WeightOrder.BY_UNIT);
        weightOffset = new int[depth];
        biasOffset = new int[depth];
        for (int l = 0; l < depth; l++) {
            activations[l] = KernelCodes.of(spec.activation(l));
            weightOffset[l] = layout.weightOffset(l);
            biasOffset[l] = layout.biasOffset(l);
        }
        rebuild(1, 1);
    }

    /** A backend on the device the options select; fails with the reason when Aparapi cannot run there. */
    public static AparapiBackend open(NetworkSpec spec, BackendOptions options) {
        BackendProvider.Availability a = AparapiDevices.availability(options);
        if (!a.available()) {
            throw new BackendUnavailableException("Backend 'aparapi' cannot run here: " + a.sentence());
        }
        return new AparapiBackend(spec, AparapiDevices.select(options));
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
        requireOpen();
        Backend.requireFor(spec, p, "parameters");
        layout.pack(p, kernel.params);
        Arrays.fill(kernel.velocities, 0f);
        kernel.put(kernel.params).put(kernel.velocities);
    }

    @Override
    public Parameters parameters() {
        requireOpen();
        fetch(kernel.params);
        return layout.unpack(kernel.params);
    }

    @Override
    public Parameters velocities() {
        requireOpen();
        fetch(kernel.velocities);
        return layout.unpack(kernel.velocities);
    }

    @Override
    public void setVelocities(Parameters v) {
        requireOpen();
        Backend.requireFor(spec, v, "velocities");
        layout.pack(v, kernel.velocities);
        kernel.put(kernel.velocities);
    }

    @Override
    public double[] forward(Batch b) {
        spec.requireExampleWidths(b.inputSize(), b.outputSize(), "the batch");
        requireOpen();
        sendBatch(b);
        forwardPass(b.size(), StepSettings.NONE, false, false);
        fetch(kernel.act);
        int start = kernel.rowsOffset[spec.depth()];
        double[] out = new double[b.size() * spec.outputSize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = kernel.act[start + i];
        }
        return out;
    }

    @Override
    public Gradients gradients(Batch b, StepSettings settings) {
        spec.requireExampleWidths(b.inputSize(), b.outputSize(), "the batch");
        requireOpen();
        sendBatch(b);
        forwardPass(b.size(), settings, true, false);
        backwardPass(b.size(), settings);
        fetch(kernel.grads);
        return layout.unpackGradients(kernel.grads);
    }

    @Override
    public void bindTrainingSet(DataSet train) {
        requireOpen();
        spec.requireExampleWidths(train.inputSize(), train.outputSize(), "the training set " + train);
        trainInputs = train.inputArray();
        trainTargets = train.targetArray();
        trainSize = train.size();
        uploadedOrder = null;
        costCarried = drainCostSum(); // drainCostSum includes what was carried before
        rebuild(capacity, Math.max(1, train.size()));
        kernel.put(trainInputs).put(trainTargets);
    }

    @Override
    public void trainBatch(int[] order, int from, int to, StepSettings settings) {
        requireOpen();
        if (trainSize < 0) {
            throw new IllegalStateException("bindTrainingSet must come before trainBatch");
        }
        int m = to - from;
        if (m <= 0) {
            return;
        }
        int[] positions = order;
        if (positions == null) {
            positions = new int[trainSize];
            Arrays.setAll(positions, i -> i);
        }
        if (m > capacity || positions.length > kernel.order.length) {
            grow(Math.max(m, capacity), Math.max(positions.length, kernel.order.length));
        }
        sendOrder(positions, from, to);
        kernel.offset = from;
        kernel.rows = m;
        execute(NetworkKernel.GATHER, m * Math.max(spec.inputSize(), spec.outputSize()));
        forwardPass(m, settings, true, true);
        backwardPass(m, settings);
        kernel.learningRate = (float) settings.learningRate();
        kernel.momentum = (float) settings.momentum();
        execute(NetworkKernel.UPDATE, layout.total());
        costFrom = Math.min(costFrom, from);
        costTo = Math.max(costTo, to);
    }

    @Override
    public double drainCostSum() {
        requireOpen();
        double sum = costCarried;
        costCarried = 0;
        if (costTo > costFrom) {
            fetch(kernel.costs);
            for (int i = costFrom; i < costTo; i++) {
                sum += kernel.costs[i];
                kernel.costs[i] = 0f;
            }
            kernel.put(kernel.costs);
        }
        costFrom = Integer.MAX_VALUE;
        costTo = 0;
        return sum;
    }

    @Override
    public void close() {
        if (kernel != null) {
            kernel.dispose();
            kernel = null;
        }
    }

    private void requireOpen() {
        if (kernel == null) {
            throw new IllegalStateException("the aparapi backend is closed");
        }
    }

    /** Whether the last pass ran on OpenCL (it always has, or the pass would have thrown). */
    public boolean ranOnOpenCl() {
        return kernel != null && kernel.isRunningCL();
    }

    private void forwardPass(int m, StepSettings s, boolean computeDelta, boolean keepCost) {
        kernel.rows = m;
        kernel.dropThreshold = s.dropout() > 0 ? (int) Math.ceil(s.dropout() * (1 << 24)) : 0;
        kernel.keptScale = s.dropout() > 0 ? (float) (1.0 / (1.0 - s.dropout())) : 1f;
        kernel.dropKey = s.dropoutKey();
        for (int l = 0; l < spec.depth(); l++) {
            kernel.layer = l;
            execute(NetworkKernel.FORWARD, m * sizes[l + 1]);
        }
        kernel.computeDelta = computeDelta ? 1 : 0;
        kernel.keepCost = keepCost ? 1 : 0;
        execute(NetworkKernel.OUTPUT, m);
    }

    /** BP2 from the top, then every layer's gradient into grads; the update is the caller's. */
    private void backwardPass(int m, StepSettings s) {
        kernel.rows = m;
        kernel.inverseRows = 1f / m;
        kernel.l2Scale = (float) s.l2Scale();
        for (int l = spec.depth() - 1; l >= 0; l--) {
            kernel.layer = l;
            if (l > 0) {
                execute(NetworkKernel.BACKWARD, m * sizes[l]);
            }
            execute(NetworkKernel.GRADIENT, sizes[l + 1] * sizes[l] + sizes[l + 1]);
        }
    }

    /**
     * Runs a pass over its {@code items}, with one work-item per item on a GPU and at most {@link #maxWorkItems} on
     * a CPU device (see {@link NetworkKernel#run}), in groups of {@link #GROUP}: one group size for all passes,
     * because PoCL compiles a kernel again for each size.
     */
    private void execute(int pass, int items) {
        kernel.pass = pass;
        kernel.items = items;
        int workItems = (int) Math.min((items + GROUP - 1L) / GROUP * GROUP, maxWorkItems);
        kernel.execute(Range.create(device, workItems, GROUP));
        if (!kernel.isRunningCL()) {
            throw new BackendUnavailableException("Aparapi ran pass " + pass + " of the network kernel in Java threads "
                    + "instead of on " + info.device() + " (Aparapi's log, the java.util.logging logger " + AparapiLog.logger().getName()
                    + ", says why; the mlp4j command shows it with --verbose); refusing to continue silently.");
        }
    }

    /**
     * Brings the device's values of one of the kernel's arrays into the Java array. Aparapi 3.0 creates every buffer
     * with {@code CL_MEM_USE_HOST_PTR} at the address where it pins the array for a pass, and when the collector has
     * moved the array since, it makes a new buffer from the Java array at the next pass, but not at a {@code get},
     * which copies from the buffer it has. A CPU device (PoCL) computes in the Java array itself, so the array
     * already holds the values, moved or not; a {@code get} there would copy from the array's old address, memory the
     * collector has freed and reused, after any collection that moved it ({@code AparapiGcMoveTest}). So on a CPU
     * device nothing is copied. A GPU copies from its own memory; whether its values survive a move between passes is
     * what AparapiGcMoveTest checks there (docs/gpu.md).
     */
    private void fetch(float[] array) {
        if (!inJavaArrays) {
            kernel.get(array);
        }
    }

    /** The batch's rows into the kernel; its widths were checked by forward or gradients. */
    private void sendBatch(Batch b) {
        if (b.size() > capacity) {
            grow(b.size(), kernel.order.length);
        }
        int in = b.size() * spec.inputSize();
        int out = b.size() * spec.outputSize();
        for (int i = 0; i < in; i++) {
            kernel.act[i] = (float) b.inputs()[i];
        }
        for (int i = 0; i < out; i++) {
            kernel.batchTargets[i] = (float) b.targets()[i];
        }
        kernel.put(kernel.act).put(kernel.batchTargets);
    }

    /** Sends the order when the slice a step uses differs from the device's copy: once per epoch, typically. */
    private void sendOrder(int[] order, int from, int to) {
        if (uploadedOrder != null && uploadedOrder.length == order.length
                && Arrays.equals(order, from, to, uploadedOrder, from, to)) {
            return;
        }
        for (int e : order) {
            if (e < 0 || e >= trainSize) {
                throw new IllegalArgumentException("order names example " + e + " of a training set of " + trainSize);
            }
        }
        System.arraycopy(order, 0, kernel.order, 0, order.length);
        kernel.put(kernel.order);
        uploadedOrder = order.clone();
    }

    /** A larger kernel, carrying over parameters, velocities, the training set and pending costs. */
    private void grow(int rows, int orderCapacity) {
        costCarried = drainCostSum(); // drainCostSum includes what was carried before
        rebuild(rows, orderCapacity);
        kernel.put(trainInputs).put(trainTargets);
        uploadedOrder = null;
    }

    /** A new kernel sized for {@code rows} rows and an order of {@code orderCapacity}, with the current parameters and velocities. */
    private void rebuild(int rows, int orderCapacity) {
        float[] params = kernel != null ? kernel.params : null;
        float[] velocities = kernel != null ? kernel.velocities : null;
        if (kernel != null) {
            fetch(kernel.params);
            fetch(kernel.velocities);
            kernel.dispose();
        }
        capacity = rows;
        int depth = spec.depth();
        int[] rowsOffset = new int[depth + 2];
        for (int l = 0; l <= depth; l++) {
            rowsOffset[l + 1] = rowsOffset[l] + rows * sizes[l];
        }
        kernel = new NetworkKernel(sizes, activations, weightOffset, biasOffset, rowsOffset, layout.total(), rows,
                trainInputs, trainTargets, orderCapacity);
        kernel.setExplicit(true);
        kernel.outputKind = KernelCodes.of(spec.output());
        kernel.costKind = KernelCodes.of(spec.cost());
        kernel.aMinusY = OutputDelta.isAMinusY(spec.output(), spec.cost()) ? 1 : 0;
        if (params != null) {
            System.arraycopy(params, 0, kernel.params, 0, params.length);
            System.arraycopy(velocities, 0, kernel.velocities, 0, velocities.length);
        }
        kernel.put(kernel.params).put(kernel.velocities).put(kernel.costs).put(kernel.order);
    }
}
