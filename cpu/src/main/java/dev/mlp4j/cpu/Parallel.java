package dev.mlp4j.cpu;

import java.util.stream.IntStream;

/**
 * Splits an element-wise pass over the cores, only where the pass is big enough to pay for handing out the parts:
 * a small layer's pass runs on the calling thread. Called between OpenBLAS's products, never during one.
 */
final class Parallel {
    /**
     * Below this many element operations a part costs more to hand out (a few µs, and a core OpenBLAS may still hold)
     * than it saves: at 784-1024-1024-10, batch 128, the element-wise passes ran as fast on one thread as split.
     */
    static long minWorkPerPart = 1 << 18;
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private Parallel() {
    }

    /** Work on the items [from, to). */
    interface Range {
        void run(int from, int to);
    }

    /** Runs {@code task} over [0, count), in parts across the cores when count × workPerItem is large. */
    static void forEach(int count, long workPerItem, Range task) {
        int parts = (int) Math.min(CORES, Math.max(1, count * Math.max(1, workPerItem) / minWorkPerPart));
        parts = Math.min(parts, count);
        if (parts <= 1) {
            task.run(0, count);
            return;
        }
        int n = parts;
        IntStream.range(0, n).parallel().forEach(p -> task.run((int) ((long) count * p / n), (int) ((long) count * (p + 1) / n)));
    }

    /** As {@link #forEach}, for a pass that sums: returns the sum of the parts' sums. */
    static double sum(int count, long workPerItem, RangeSum task) {
        int parts = (int) Math.min(CORES, Math.max(1, count * Math.max(1, workPerItem) / minWorkPerPart));
        parts = Math.min(parts, count);
        if (parts <= 1) {
            return task.sum(0, count);
        }
        int n = parts;
        return IntStream.range(0, n).parallel()
                .mapToDouble(p -> task.sum((int) ((long) count * p / n), (int) ((long) count * (p + 1) / n))).sum();
    }

    /** Work on the items [from, to) that returns a sum. */
    interface RangeSum {
        double sum(int from, int to);
    }
}
