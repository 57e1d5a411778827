package dev.mlp4j.gpu.opencl;

import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.gpu.OpenClDevices;
import dev.mlp4j.gpu.opencl.context.ClBuffer;
import dev.mlp4j.gpu.opencl.context.ClContext;
import dev.mlp4j.gpu.opencl.context.DeviceFailures;
import org.jocl.CLException;
import org.jocl.blast.CLBlast;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.jocl.blast.CLBlastLayout.CLBlastLayoutRowMajor;
import static org.jocl.blast.CLBlastTranspose.CLBlastTransposeNo;
import static org.jocl.blast.CLBlastTranspose.CLBlastTransposeYes;

/** CLBlast's SGEMM timed alone: the yardstick the bench holds the opencl backend's training steps against. */
final class SgemmTiming {
    private SgemmTiming() {
    }

    /** One SGEMM call: C(m x n) = op(A) op(B), row-major, as ClBlastSteps makes it. */
    record Shape(boolean transA, boolean transB, int m, int n, int k) {
        double flops() {
            return 2.0 * m * n * k;
        }
    }

    static double gflops(int m, int n, int k, int repeats, BackendOptions options) {
        Shape s = new Shape(false, false, m, n, k);
        return s.flops() * repeats / timeSeconds(List.of(s), repeats, options) / 1e9;
    }

    static double trainingStepSeconds(NetworkSpec spec, int batch, int repeats, BackendOptions options) {
        return timeSeconds(trainingShapes(spec, batch), repeats, options) / repeats;
    }

    /** The products of one training step: forward, BP2 (above layer 0) and BP4 for every layer. */
    static List<Shape> trainingShapes(NetworkSpec spec, int m) {
        List<Shape> shapes = new ArrayList<>();
        for (int l = 0; l < spec.depth(); l++) {
            int in = spec.size(l);
            int out = spec.size(l + 1);
            shapes.add(new Shape(false, false, m, out, in));
            if (l > 0) {
                shapes.add(new Shape(false, true, m, in, out));
            }
            shapes.add(new Shape(true, false, in, out, m));
        }
        return shapes;
    }

    /** Total seconds for {@code repeats} rounds of the shapes, after one untimed round. */
    private static double timeSeconds(List<Shape> shapes, int repeats, BackendOptions options) {
        OpenClDevices.DeviceHandle handle = OpenClDevices.handle(options);
        try (ClContext cl = ClContext.open(handle, ClContext.NO_PROGRAM)) {
            try {
                cl.useClBlast();
                List<ClBuffer[]> operands = new ArrayList<>();
                Random random = new Random(1);
                for (Shape s : shapes) {
                    operands.add(new ClBuffer[] {
                            filled(cl, (long) s.m() * s.k(), random), filled(cl, (long) s.k() * s.n(), random),
                            cl.floats((long) s.m() * s.n())});
                }
                round(cl, shapes, operands);
                cl.finish();
                long start = System.nanoTime();
                for (int r = 0; r < repeats; r++) {
                    round(cl, shapes, operands);
                }
                cl.finish();
                return (System.nanoTime() - start) / 1e9;
            } catch (CLException e) {
                throw DeviceFailures.translate(e, handle.device().description(), "timing SGEMM");
            }
        }
    }

    private static void round(ClContext cl, List<Shape> shapes, List<ClBuffer[]> operands) {
        for (int i = 0; i < shapes.size(); i++) {
            Shape s = shapes.get(i);
            ClBuffer[] o = operands.get(i);
            CLBlast.CLBlastSgemm(CLBlastLayoutRowMajor, s.transA() ? CLBlastTransposeYes : CLBlastTransposeNo,
                    s.transB() ? CLBlastTransposeYes : CLBlastTransposeNo, s.m(), s.n(), s.k(),
                    1f, o[0].mem(), 0, s.transA() ? s.m() : s.k(), o[1].mem(), 0, s.transB() ? s.k() : s.n(),
                    0f, o[2].mem(), 0, s.n(), cl.queue(), null);
        }
    }

    private static ClBuffer filled(ClContext cl, long n, Random random) {
        float[] values = new float[(int) n];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() - 0.5);
        }
        ClBuffer b = cl.floats(n);
        b.write(values, values.length);
        return b;
    }
}
