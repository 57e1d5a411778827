package dev.mlp4j.core.train;

import dev.mlp4j.core.Fix;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;
import dev.mlp4j.core.Setting;
import dev.mlp4j.core.nn.NetworkSpec;

import java.util.Locale;

/**
 * The least memory training a network takes, so that a network far too large for the heap is refused before its
 * parameters are drawn, with the memory it needs, instead of running out of memory somewhere inside.
 */
public final class TrainingMemory {
    /**
     * Copies of the parameters training holds at once, at least: the parameters, their momentum velocities and the best
     * epoch's (the training state), and the backend's parameters, gradients and velocities.
     */
    private static final int PARAMETER_COPIES = 6;
    /** Per neuron of every layer and example of a batch: the weighted input z, the activation a and the error δ. */
    private static final int ACTIVATION_COPIES = 3;
    private static final long GB = 1L << 30;

    private TrainingMemory() {
    }

    /** The bytes training {@code spec} with batches of {@code batch} examples needs at least (doubles throughout). */
    public static long bytesNeeded(NetworkSpec spec, int batch) {
        long neurons = 0;
        for (int l = 0; l < spec.layerCount(); l++) {
            neurons += spec.size(l);
        }
        return Double.BYTES * (PARAMETER_COPIES * spec.parameterCount() + ACTIVATION_COPIES * neurons * Math.max(batch, 1));
    }

    /**
     * Refuses a network whose training needs more than {@code available} bytes, naming what it needs and the fix.
     *
     * @param available the most memory Java may use, usually {@link Runtime#maxMemory()}
     */
    public static void requireFits(NetworkSpec spec, int batch, long available) {
        long needed = bytesNeeded(spec, batch);
        if (needed > available) {
            long heapGb = Math.max(2, (needed + needed / 2 + GB - 1) / GB);
            throw new InvalidInputException(new Problem("Training the network " + spec.layersText() + " (" + spec.parameterCount()
                    + " parameters, batch " + batch + ") needs at least " + gigabytes(needed) + " of memory, but Java may use "
                    + gigabytes(available), null, Fix.of("use smaller layers, or give Java more memory (", Setting.JAVA_HEAP.at(heapGb + "g"), ")")));
        }
    }

    private static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / (double) GB);
    }
}
