package dev.mlp4j.core.nn;

/**
 * Which hidden units dropout keeps, as a pure function of (key, layer, example, unit).
 *
 * <p>A counter-based hash rather than a stateful generator, so that every backend draws the same mask without
 * sharing state: the OpenCL kernels compute this very function in 32-bit unsigned arithmetic, which is why it is
 * written with ints only. The key changes every mini-batch (see {@link #batchKey}).
 */
public final class DropoutMask {
    private DropoutMask() {
    }

    /** True when the unit is kept (not dropped) at the given dropout rate. */
    public static boolean keeps(int key, int layer, int example, int unit, double rate) {
        int h = mix(key ^ mix(layer * 0x9E3779B9 ^ mix(example * 0x85EBCA6B ^ mix(unit + 0x27D4EB2F))));
        // Top 24 bits as a uniform in [0, 1), exact in float and double alike.
        double u = (h >>> 8) * (1.0 / (1 << 24));
        return u >= rate;
    }

    /** The key for one mini-batch of one training run. */
    public static int batchKey(long seed, long step) {
        return mix((int) seed ^ mix((int) (seed >>> 32) ^ mix((int) step ^ mix((int) (step >>> 32) + 0x165667B1))));
    }

    /** The "lowbias32" integer hash: a bijection on 32 bits with good avalanche. */
    static int mix(int x) {
        x ^= x >>> 16;
        x *= 0x7FEB352D;
        x ^= x >>> 15;
        x *= 0x846CA68B;
        x ^= x >>> 16;
        return x;
    }
}
