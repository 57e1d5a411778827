package dev.mlp4j.gpu.aparapi;

import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.core.testing.ReferenceAgreement;
import dev.mlp4j.gpu.testing.TestDevices;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.mlp4j.core.testing.FloatAgreement.assertAgree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The aparapi backend keeps its parameters, velocities and costs when the garbage collector moves the kernel's Java
 * arrays between passes, or between the last pass and reading them.
 *
 * <p>Why this can go wrong: with explicit buffers, Aparapi 3.0 creates each array's OpenCL buffer with
 * {@code CL_MEM_USE_HOST_PTR} at the address where it pins the array for a pass (its native {@code processArray}); when
 * the address differs at the next pass (the collector moved the array in between) it releases the buffer and makes a
 * new one from the Java array. A CPU device such as PoCL computes in the Java array itself, so the new buffer holds
 * the latest values; a discrete GPU keeps its own copy, and the Java array holds what the last {@code put}/{@code get}
 * left there, so the device could silently go back to older parameters, velocities and costs. And Aparapi's
 * {@code get} copies from the buffer it has: on PoCL, after a move, from the array's old address, memory the
 * collector has freed (this test found that; the backend no longer copies on a CPU device).
 *
 * <p>The tests train beside the reference and make the collector move the kernel's arrays: by allocating garbage
 * until a young collection has run (a young array is copied at each one, to a survivor space or the old generation)
 * and, once the arrays stay put, by {@link System#gc()} after dropping half of a set of objects allocated just before
 * the kernel's arrays (a full collection slides the arrays down over them). They count the moves they see (the
 * array's address, read with {@code sun.misc.Unsafe}) and fail if they saw none of {@code params}, since they would then
 * prove nothing. Parameters, velocities and the epoch's cost must agree with the reference after every epoch, within
 * the bound of {@link ReferenceAgreement}'s two-epoch test. They pass on PoCL; they exist for the GPU (docs/gpu.md).
 */
class AparapiGcMoveTest {
    private static final int EPOCHS = 4;
    private static final int BATCH = 8;
    /** Parameters after several epochs of float32 steps: ReferenceAgreement's two-epoch bound. */
    private static final double PARAMETERS = 1e-4;

    @Test
    void moves_between_passes_keep_the_device_state() {
        train(false);
    }

    @Test
    void moves_between_the_last_pass_and_reading_parameters_and_costs_keep_them() {
        train(true);
    }

    /** Moves after every step but an epoch's last ({@code beforeReads} false), or only after an epoch's last step. */
    private static void train(boolean beforeReads) {
        TestDevices.assumeAparapi();
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 13, 20, 4);
        Random random = new Random(17);
        DataSet train = ReferenceAgreement.dataSet(spec, 45, random);
        Parameters start = WeightInit.NORMAL_SCALED.initialise(spec, random);
        // A large step, so that going back to an epoch's first parameters is an error near 1, not near the bound.
        StepSettings step = new StepSettings(0.5, 0.6, 0.001, 0, 0);
        int[] order = IntStream.range(0, train.size()).toArray();
        Mover mover = new Mover();
        try (AparapiBackend device = AparapiBackend.open(spec, BackendOptions.DEFAULT);
             ReferenceBackend reference = new ReferenceBackend(spec)) {
            device.setParameters(start);
            reference.setParameters(start);
            device.bindTrainingSet(train);
            reference.bindTrainingSet(train);
            // Allocated now, just before the first step makes the kernel's arrays (the backend grows them to the batch).
            mover.allocateSpacers();
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                shuffle(order, random);
                for (int from = 0; from < order.length; from += BATCH) {
                    int to = Math.min(order.length, from + BATCH);
                    device.trainBatch(order, from, to, step);
                    reference.trainBatch(order, from, to, step);
                    if (beforeReads == (to == order.length)) {
                        mover.shake(kernel(device));
                    }
                }
                String when = "epoch " + epoch + " (" + mover + ")";
                assertTrue(device.ranOnOpenCl(), "Aparapi fell back to Java threads");
                double expected = reference.drainCostSum();
                assertEquals(expected, device.drainCostSum(), 1e-5 * Math.abs(expected), "cost sum of " + when);
                assertAgree("parameters after " + when, device.parameters(), reference.parameters(), PARAMETERS);
                assertAgree("velocities after " + when, device.velocities(), reference.velocities(), PARAMETERS);
            }
            System.out.println("AparapiGcMoveTest" + (beforeReads ? " (before reads)" : "") + " on " + device.info().device()
                    + ": " + mover);
            if (Mover.ADDRESS != null) {
                assertTrue(mover.moves("params") > 0, "the collector never moved the kernel's params (" + mover
                        + "): the test proved nothing; allocate more garbage or run with a smaller heap");
            }
        }
    }

    private static NetworkKernel kernel(AparapiBackend backend) {
        try {
            Field f = AparapiBackend.class.getDeclaredField("kernel");
            f.setAccessible(true);
            return (NetworkKernel) f.get(backend);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("AparapiBackend has no field 'kernel' any more; update this test", e);
        }
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Makes the collector move the kernel's arrays, and counts the moves it sees. */
    private static final class Mover {
        /** Reads an object's address; null where sun.misc.Unsafe is not accessible. */
        static final Address ADDRESS = Address.open();
        private static final int YOUNG_TRIES = 3;
        private static final int FULL_TRIES = 2;
        /** Allocation at most per young collection asked for, in MiB: bounds the time where eden is huge. */
        private static final int MAX_GARBAGE_MIB = 4096;
        /** Keeps the last chunk of garbage reachable to the JIT, so that the allocations are not removed. */
        static volatile Object sink;

        private final List<byte[]> spacers = new ArrayList<>();
        private final String[] names = {"params", "velocities", "costs"};
        private final int[] moves = new int[names.length];
        private boolean tenured;
        private int young;
        private int full;

        void allocateSpacers() {
            for (int i = 0; i < 8192; i++) {
                spacers.add(new byte[1024]);
            }
        }

        /**
         * Young collections until {@code params} moves, at most {@value #YOUNG_TRIES}; once they have stopped moving it
         * (it has reached the old generation), full collections after dropping half the spacers, at most
         * {@value #FULL_TRIES}.
         */
        void shake(NetworkKernel k) {
            Object[] arrays = {k.params, k.velocities, k.costs};
            long[] before = addresses(arrays);
            for (int i = 0; i < YOUNG_TRIES && !tenured && !moved(arrays[0], before[0]); i++) {
                youngCollection();
                young++;
                tenured = i == YOUNG_TRIES - 1 && !moved(arrays[0], before[0]);
            }
            for (int i = 0; i < FULL_TRIES && !moved(arrays[0], before[0]); i++) {
                // Drop every other spacer left: what lies above them slides down in a full collection.
                for (int j = spacers.size() - 1; j >= 0; j -= 2) {
                    spacers.remove(j);
                }
                System.gc();
                full++;
            }
            long[] after = addresses(arrays);
            for (int i = 0; i < arrays.length; i++) {
                if (before[i] != after[i]) {
                    moves[i]++;
                }
            }
        }

        private static boolean moved(Object array, long before) {
            return ADDRESS != null && ADDRESS.of(array) != before;
        }

        /**
         * Allocates garbage until a collection has run (it clears a weak reference to a new object; the kit's runtime
         * has no java.management to count collections), in 64 KiB pieces: G1 allocates an object of half a region or
         * more (1 MiB in a small heap) outside the young generation, where it would not bring on a young collection.
         */
        private static void youngCollection() {
            WeakReference<Object> sentinel = new WeakReference<>(new Object());
            for (int mib = 0; mib < MAX_GARBAGE_MIB && sentinel.get() != null; mib++) {
                for (int piece = 0; piece < 16; piece++) {
                    sink = new byte[64 << 10];
                }
            }
        }

        int moves(String name) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return moves[i];
                }
            }
            throw new IllegalArgumentException(name);
        }

        @Override
        public String toString() {
            String seen = ADDRESS == null ? "moves unknown: sun.misc.Unsafe is not accessible"
                    : IntStream.range(0, names.length).mapToObj(i -> names[i] + " moved " + moves[i] + "x")
                    .collect(Collectors.joining(", "));
            return young + " young and " + full + " full collections brought on, " + seen;
        }

        private static long[] addresses(Object[] arrays) {
            long[] a = new long[arrays.length];
            for (int i = 0; ADDRESS != null && i < arrays.length; i++) {
                a[i] = ADDRESS.of(arrays[i]);
            }
            return a;
        }
    }

    /**
     * An object's address as the reference to it in a one-element array reads through {@code sun.misc.Unsafe} (the
     * compressed address where references are compressed): it changes exactly when the collector moves the object.
     */
    private record Address(Object unsafe, Method read, long base) {
        static Address open() {
            try {
                Class<?> c = Class.forName("sun.misc.Unsafe");
                Field f = c.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                Object unsafe = f.get(null);
                int scale = (int) c.getMethod("arrayIndexScale", Class.class).invoke(unsafe, Object[].class);
                int base = (int) c.getMethod("arrayBaseOffset", Class.class).invoke(unsafe, Object[].class);
                Method read = c.getMethod(scale == 4 ? "getInt" : "getLong", Object.class, long.class);
                return new Address(unsafe, read, base);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        long of(Object o) {
            try {
                return ((Number) read.invoke(unsafe, new Object[] {o}, base)).longValue();
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }
}
