package dev.mlp4j.gpu.opencl;

import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.gpu.opencl.context.ClBuffer;
import org.jocl.blast.CLBlast;

import static org.jocl.blast.CLBlastLayout.CLBlastLayoutRowMajor;
import static org.jocl.blast.CLBlastTranspose.CLBlastTransposeNo;
import static org.jocl.blast.CLBlastTranspose.CLBlastTransposeYes;

/**
 * The steps with CLBlast's SGEMM for every product and steps.cl's small kernels between them. All matrices are
 * row-major; a layer's device weights W' are input-major (in x out), so with A the layer's input (m x in) and D
 * its delta (m x out):
 * <pre>
 *   forward   Z = A W'             (m x out)   then bias_activation (hidden) or output_layer (output)
 *   BP2       D_prev = D W'^T      (m x in)    then derivative_dropout
 *   BP4       G = (1/m) A^T D      (in x out)  and bias_gradient for BP3
 * </pre>
 * and one sgd_update (or add_l2, for a stored gradient) over the whole parameter buffer at the end.
 */
final class ClBlastSteps implements LayerSteps {
    private final DeviceNetwork net;
    private final NetworkSpec spec;

    ClBlastSteps(DeviceNetwork net) {
        this.net = net;
        this.spec = net.spec;
        net.cl.useClBlast();
    }

    /** CLBlast cannot read rows through an index, so a training step first copies its examples into the batch buffer. */
    @Override
    public void begin(StepRows rows) {
        if (rows.indexed()) {
            int in = spec.inputSize();
            net.cl.call("gather_rows").mem(net.trainX).mem(net.xBatch).mem(net.order).i(rows.offset()).i(rows.count()).i(in)
                    .run((long) in * rows.count());
        }
    }

    private ClBuffer input(int l) {
        return l == 0 ? net.xBatch : net.act[l - 1];
    }

    @Override
    public void forward(int l, StepRows rows, DeviceDropout dropout) {
        int m = rows.count();
        int in = spec.size(l);
        int out = spec.size(l + 1);
        CLBlast.CLBlastSgemm(CLBlastLayoutRowMajor, CLBlastTransposeNo, CLBlastTransposeNo, m, out, in,
                1f, input(l).mem(), 0, in, net.params.mem(), net.layout.weightOffset(l), out,
                0f, net.act[l].mem(), 0, out, net.cl.queue(), null);
        if (l < spec.depth() - 1) {
            net.cl.call("bias_activation", l).mem(net.act[l]).mem(net.undropped(l, dropout)).i(m).i(out)
                    .mem(net.params).i(net.layout.biasOffset(l)).i(net.activationKinds[l])
                    .i(dropout.key()).i(l).i(dropout.threshold()).f(dropout.keptScale())
                    .run((long) out * m);
        }
    }

    @Override
    public void forwardOutput(StepRows rows, OutputWork work, DeviceDropout dropout) {
        forward(spec.depth() - 1, rows, DeviceDropout.NONE);
        net.outputLayer(rows, work);
    }

    @Override
    public void backward(int l, StepRows rows, DeviceDropout dropout) {
        int m = rows.count();
        int in = spec.size(l);
        int out = spec.size(l + 1);
        CLBlast.CLBlastSgemm(CLBlastLayoutRowMajor, CLBlastTransposeNo, CLBlastTransposeYes, m, in, out,
                1f, net.delta[l].mem(), 0, out, net.params.mem(), net.layout.weightOffset(l), out,
                0f, net.delta[l - 1].mem(), 0, in, net.cl.queue(), null);
        net.cl.call("derivative_dropout", l).mem(net.delta[l - 1]).mem(net.undropped(l - 1, dropout)).i(m).i(in).i(net.activationKinds[l - 1])
                .i(dropout.key()).i(l - 1).i(dropout.threshold()).f(dropout.keptScale())
                .run((long) in * m);
    }

    @Override
    public void gradient(int l, StepRows rows, StepSettings settings, boolean store) {
        int m = rows.count();
        int in = spec.size(l);
        int out = spec.size(l + 1);
        CLBlast.CLBlastSgemm(CLBlastLayoutRowMajor, CLBlastTransposeYes, CLBlastTransposeNo, in, out, m,
                1f / m, input(l).mem(), 0, in, net.delta[l].mem(), 0, out,
                0f, net.grads.mem(), net.layout.weightOffset(l), out, net.cl.queue(), null);
        net.cl.call("bias_gradient", l).mem(net.delta[l]).i(m).i(out).mem(net.grads).i(net.layout.biasOffset(l)).f(1.0 / m)
                .run(out);
    }

    @Override
    public void end(StepSettings s, boolean store) {
        if (store) {
            net.cl.call("add_l2").mem(net.grads).mem(net.params).i(net.layout.weightCount()).f(s.l2Scale())
                    .run(net.layout.weightCount());
        } else {
            net.cl.call("sgd_update").mem(net.params).mem(net.velocities).mem(net.grads)
                    .i(net.layout.total()).i(net.layout.weightCount()).f(s.learningRate()).f(s.momentum()).f(s.l2Scale())
                    .run(net.layout.total());
        }
    }
}
