package dev.mlp4j.gpu.opencl;

import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.StepSettings;

/**
 * The steps by products.cl's fused kernels: per layer one forward launch, one weight_gradient launch (which also
 * takes the SGD step, so training needs no gradient buffer) and, above layer 0, one backward launch. An output layer
 * at most 16 wide does output_layer's work and the BP2 below it in its forward launch, so a 784-100-10 step is four
 * launches. No gather: layer 0 reads the training set through the order, or its compressed rows when the set is
 * sparse.
 */
final class VectorKernelSteps implements LayerSteps {
    /**
     * Tile sizes of products.cl: ROWS rows by LANES units in forward_layer, ROWS weight rows by every unit in
     * weight_gradient, 4 x 4 in backward_layer.
     */
    static final int ROWS = 6;
    private static final int LANES = 16;
    private static final int BACKWARD_TILE = 4;
    /**
     * One tile per work-group, always: PoCL compiles a kernel anew for every work-group size it meets, and left to
     * choose it also made groups so large that a core idled. Single tiles are as fast as any size tried. The tiles
     * of a launch are numbered in one dimension (see products.cl).
     */
    private static final long[] ONE_ITEM = {1};

    private final DeviceNetwork net;
    private final NetworkSpec spec;

    VectorKernelSteps(DeviceNetwork net) {
        this.net = net;
        this.spec = net.spec;
    }

    @Override
    public void begin(StepRows rows) {
    }

    @Override
    public void forward(int l, StepRows rows, DeviceDropout dropout) {
        int in = spec.size(l);
        int out = spec.size(l + 1);
        boolean hidden = l < spec.depth() - 1;
        if (l == 0 && hidden && rows.indexed() && net.trainRowStart != null) {
            net.cl.call("forward_sparse_input")
                    .mem(net.trainRowStart).mem(net.trainColumns).mem(net.trainValues).mem(net.order).i(rows.offset())
                    .i(rows.count()).i(out).mem(net.params).i(net.layout.weightOffset(l)).i(net.layout.biasOffset(l))
                    .mem(net.act[l]).mem(net.undropped(l, dropout)).i(net.activationKinds[l])
                    .i(dropout.key()).i(l).i(dropout.threshold()).f(dropout.keptScale())
                    .run(new long[] {ceil(out, 4 * LANES) * rows.count()}, ONE_ITEM);
            return;
        }
        net.cl.call("forward_layer", l)
                .mem(net.input(l, rows)).mem(net.order).i(rows.offset()).i(l == 0 && rows.indexed() ? 1 : 0)
                .i(rows.count()).i(in).i(out)
                .mem(net.params).i(net.layout.weightOffset(l)).i(net.layout.biasOffset(l))
                .mem(net.act[l]).mem(hidden ? net.undropped(l, dropout) : net.act[l]).i(hidden ? 1 : 0).i(net.activationKinds[l])
                .i(dropout.key()).i(l).i(hidden ? dropout.threshold() : 0).f(dropout.keptScale())
                .run(new long[] {ceil(out, LANES) * ceil(rows.count(), ROWS)}, ONE_ITEM);
    }

    @Override
    public void forwardOutput(StepRows rows, OutputWork work, DeviceDropout dropout) {
        int l = spec.depth() - 1;
        if (spec.outputSize() > LANES) {
            forward(l, rows, DeviceDropout.NONE);
            net.outputLayer(rows, work);
            return;
        }
        // With the output's delta at hand, the launch also takes BP2 into the last hidden layer.
        boolean backPrev = work.computeDelta() && l > 0;
        net.cl.call("forward_output_layer")
                .mem(net.input(l, rows)).mem(net.order).i(rows.offset()).i(l == 0 && rows.indexed() ? 1 : 0)
                .i(rows.count()).i(spec.size(l)).i(spec.outputSize())
                .mem(net.params).i(net.layout.weightOffset(l)).i(net.layout.biasOffset(l))
                .mem(net.act[l]).mem(net.delta[l]).mem(work.targets()).i(rows.indexed() ? 1 : 0)
                .mem(net.costs).i(rows.offset()).i(work.keepCost() ? 1 : 0).i(work.computeDelta() ? 1 : 0)
                .i(net.outputKind).i(net.costKind).i(net.aMinusY ? 1 : 0)
                .i(backPrev ? 1 : 0)
                .mem(l > 0 ? net.delta[l - 1] : net.delta[l]).mem(l > 0 ? net.undropped(l - 1, dropout) : net.act[l]) // unused without a layer below
                .i(l > 0 ? net.activationKinds[l - 1] : 0).i(dropout.key()).i(l - 1).i(dropout.threshold()).f(dropout.keptScale())
                .run(new long[] {ceil(rows.count(), ROWS)}, ONE_ITEM);
    }

    @Override
    public void backward(int l, StepRows rows, DeviceDropout dropout) {
        if (l == spec.depth() - 1 && spec.outputSize() <= LANES) {
            return; // taken by forwardOutput, which every backward pass follows with the delta computed
        }
        int in = spec.size(l);
        net.cl.call("backward_layer", l)
                .mem(net.delta[l]).i(rows.count()).i(in).i(spec.size(l + 1))
                .mem(net.params).i(net.layout.weightOffset(l))
                .mem(net.delta[l - 1]).mem(net.undropped(l - 1, dropout)).i(net.activationKinds[l - 1])
                .i(dropout.key()).i(l - 1).i(dropout.threshold()).f(dropout.keptScale())
                .run(new long[] {ceil(in, BACKWARD_TILE) * ceil(rows.count(), BACKWARD_TILE)}, ONE_ITEM);
    }

    @Override
    public void gradient(int l, StepRows rows, StepSettings s, boolean store) {
        int in = spec.size(l);
        int out = spec.size(l + 1);
        boolean masked = l == 0 && rows.indexed() && net.trainNonZeroBlocks != null;
        net.cl.call("weight_gradient", l)
                .mem(net.input(l, rows)).mem(net.order).i(rows.offset()).i(l == 0 && rows.indexed() ? 1 : 0)
                .mem(masked ? net.trainNonZeroBlocks : net.order).i(masked ? net.maskWords : 0)
                .mem(net.delta[l]).i(rows.count()).i(in).i(out)
                .mem(net.params).i(net.layout.weightOffset(l)).i(net.layout.biasOffset(l))
                .mem(net.velocities).mem(net.grads).i(store ? 1 : 0)
                .f(1.0 / rows.count()).f(s.l2Scale()).f(s.learningRate()).f(s.momentum())
                .run(new long[] {ceil(in, ROWS)}, ONE_ITEM);
    }

    @Override
    public void end(StepSettings settings, boolean store) {
    }

    private static long ceil(int n, int tile) {
        return (n + tile - 1) / tile;
    }
}
