package dev.mlp4j.gpu.opencl;

import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.OutputDelta;
import dev.mlp4j.gpu.KernelCodes;
import dev.mlp4j.gpu.ParameterLayout;
import dev.mlp4j.gpu.opencl.context.ClBuffer;
import dev.mlp4j.gpu.opencl.context.ClContext;

/**
 * Every buffer a network needs on the device, for the whole run: parameters, velocities and gradients in the
 * {@link ParameterLayout}; per layer the activations (after dropout), the undropped activations (only while
 * dropout is on) and the deltas, sized for the largest batch seen so far; the host batch's inputs and targets;
 * the bound training set; the epoch's order; and one cost slot per position of that order.
 */
final class DeviceNetwork {
    final ClContext cl;
    final NetworkSpec spec;
    final ParameterLayout layout;
    final ClBuffer params;
    final ClBuffer velocities;
    final ClBuffer grads;
    final ClBuffer[] act;
    final ClBuffer[] raw;
    final ClBuffer[] delta;
    final ClBuffer xBatch;
    final ClBuffer yBatch;
    final ClBuffer order;
    final ClBuffer costs;
    ClBuffer trainX;
    ClBuffer trainY;
    /** The bound set's inputs as {@link SparseRows}, when they are sparse enough; null otherwise. */
    ClBuffer trainRowStart;
    ClBuffer trainColumns;
    ClBuffer trainValues;
    ClBuffer trainNonZeroBlocks;
    int maskWords;
    /** activation.cl's code of each weight layer's activation, the output layer's last. */
    final int[] activationKinds;
    final int outputKind;
    final int costKind;
    final boolean aMinusY;
    private int rowCapacity;
    private int rawCapacity;

    DeviceNetwork(ClContext cl, NetworkSpec spec) {
        this.cl = cl;
        this.spec = spec;
        this.layout = new ParameterLayout(spec, ParameterLayout.WeightOrder.BY_INPUT);
        this.activationKinds = new int[spec.depth()];
        for (int l = 0; l < spec.depth(); l++) {
            activationKinds[l] = KernelCodes.of(spec.activation(l));
        }
        this.outputKind = KernelCodes.of(spec.output());
        this.costKind = KernelCodes.of(spec.cost());
        this.aMinusY = OutputDelta.isAMinusY(spec.output(), spec.cost());
        params = cl.floats(layout.total());
        velocities = cl.floats(layout.total());
        grads = cl.floats(layout.total());
        int depth = spec.depth();
        act = new ClBuffer[depth];
        raw = new ClBuffer[depth];
        delta = new ClBuffer[depth];
        for (int l = 0; l < depth; l++) {
            act[l] = cl.floats(spec.size(l + 1));
            delta[l] = cl.floats(spec.size(l + 1));
        }
        xBatch = cl.floats(spec.inputSize());
        yBatch = cl.floats(spec.outputSize());
        order = cl.ints(1);
        costs = cl.floats(1);
        rowCapacity = 1;
    }

    /** Grows the per-row buffers to hold {@code rows} examples; allocates the undropped copies when dropout is on. */
    void ensureRows(int rows, boolean dropout) {
        if (rows > rowCapacity) {
            for (int l = 0; l < spec.depth(); l++) {
                act[l].ensure((long) rows * spec.size(l + 1));
                delta[l].ensure((long) rows * spec.size(l + 1));
            }
            xBatch.ensure((long) rows * spec.inputSize());
            yBatch.ensure((long) rows * spec.outputSize());
            rowCapacity = rows;
        }
        if (dropout && rows > rawCapacity) {
            for (int l = 0; l < spec.depth() - 1; l++) {
                if (raw[l] == null) {
                    raw[l] = cl.floats((long) rows * spec.size(l + 1));
                } else {
                    raw[l].ensure((long) rows * spec.size(l + 1));
                }
            }
            rawCapacity = rows;
        }
    }

    /** The undropped activations of hidden layer l: their own buffer with dropout, the activations without. */
    ClBuffer undropped(int l, DeviceDropout dropout) {
        return dropout.on() ? raw[l] : act[l];
    }

    /** Layer l's input: the batch (through the order when indexed) for layer 0, the previous layer's output after. */
    ClBuffer input(int l, StepRows rows) {
        if (l > 0) {
            return act[l - 1];
        }
        return rows.indexed() ? trainX : xBatch;
    }

    /** Replaces the bound training set's buffers. */
    void bind(float[] inputs, float[] targets, int size) {
        for (ClBuffer b : new ClBuffer[] {trainX, trainY, trainRowStart, trainColumns, trainValues, trainNonZeroBlocks}) {
            if (b != null) {
                b.release();
            }
        }
        trainX = cl.floats((long) size * spec.inputSize());
        trainY = cl.floats((long) size * spec.outputSize());
        trainX.write(inputs, size * spec.inputSize());
        trainY.write(targets, size * spec.outputSize());
        SparseRows sparse = SparseRows.of(inputs, size, spec.inputSize(), VectorKernelSteps.ROWS);
        if (sparse == null) {
            trainRowStart = trainColumns = trainValues = trainNonZeroBlocks = null;
            maskWords = 0;
            return;
        }
        trainRowStart = cl.ints(sparse.rowStart().length);
        trainRowStart.write(sparse.rowStart(), sparse.rowStart().length);
        trainColumns = cl.ints(sparse.columns().length);
        trainColumns.write(sparse.columns(), sparse.columns().length);
        trainValues = cl.floats(sparse.values().length);
        trainValues.write(sparse.values(), sparse.values().length);
        trainNonZeroBlocks = cl.ints(sparse.nonZeroBlocks().length);
        trainNonZeroBlocks.write(sparse.nonZeroBlocks(), sparse.nonZeroBlocks().length);
        maskWords = sparse.maskWords();
    }

    /** Bias, output activation, BP1's delta and each example's cost, one work-item per example, after z is in act. */
    void outputLayer(StepRows rows, OutputWork work) {
        int last = spec.depth() - 1;
        cl.call("output_layer")
                .mem(act[last]).mem(delta[last]).i(rows.count()).i(spec.outputSize())
                .mem(params).i(layout.biasOffset(last))
                .mem(work.targets()).mem(order).i(rows.offset()).i(rows.indexed() ? 1 : 0)
                .mem(costs).i(rows.offset()).i(work.keepCost() ? 1 : 0).i(work.computeDelta() ? 1 : 0)
                .i(outputKind).i(costKind).i(aMinusY ? 1 : 0)
                .run(rows.count());
    }
}
