package dev.mlp4j.gpu.opencl;

import dev.mlp4j.gpu.opencl.context.ClBuffer;
import dev.mlp4j.gpu.opencl.context.ClContext;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_event;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * The device's copy of the epoch's order, the only thing a training step sends. It is sent when the slice a step
 * uses differs from what the device holds: with a trainer's one array shuffled in place per epoch, once per epoch.
 * The copy runs asynchronously from a direct staging buffer, refilled only once the previous copy is known done.
 */
final class DeviceOrder {
    private final ClContext cl;
    private final ClBuffer buffer;
    private int[] sent;
    private IntBuffer staging;
    private cl_event lastCopy;

    DeviceOrder(ClContext cl, ClBuffer buffer) {
        this.cl = cl;
        this.buffer = buffer;
    }

    /** Makes the device hold {@code order}'s slice [from, to), checking every index against the set's size when sending. */
    void ensureSent(int[] order, int from, int to, int trainSize) {
        if (sent != null && sent.length == order.length && Arrays.equals(order, from, to, sent, from, to)) {
            return;
        }
        for (int e : order) {
            if (e < 0 || e >= trainSize) {
                throw new IllegalArgumentException("order names example " + e + " of a training set of " + trainSize);
            }
        }
        buffer.ensure(order.length);
        waitForLastCopy();
        if (staging == null || staging.capacity() < order.length) {
            staging = ByteBuffer.allocateDirect(order.length * Sizeof.cl_int).order(ByteOrder.nativeOrder()).asIntBuffer();
        }
        staging.clear();
        staging.put(order, 0, order.length);
        staging.rewind();
        cl_event done = new cl_event();
        CL.clEnqueueWriteBuffer(cl.queue(), buffer.mem(), false, 0, (long) order.length * Sizeof.cl_int,
                Pointer.to(staging), 0, null, done);
        lastCopy = done;
        sent = order.clone();
    }

    /** Forgets what was sent, e.g. when a new training set is bound. */
    void forget() {
        sent = null;
    }

    void release() {
        if (lastCopy != null) {
            CL.clReleaseEvent(lastCopy);
            lastCopy = null;
        }
    }

    private void waitForLastCopy() {
        if (lastCopy != null) {
            CL.clWaitForEvents(1, new cl_event[] {lastCopy});
            release();
        }
    }
}
