/*
 * Dropout's mask: DropoutMask.keeps ported to 32-bit unsigned arithmetic. The hash is a pure function of
 * (key, layer, example row in the batch, unit), so the mask is drawn here exactly as the reference draws it and
 * needs no state, no random buffer and no transfer.
 */

/* The "lowbias32" integer hash, as DropoutMask.mix. */
uint mix32(uint x) {
    x ^= x >> 16;
    x *= 0x7FEB352Du;
    x ^= x >> 15;
    x *= 0x846CA68Bu;
    x ^= x >> 16;
    return x;
}

/*
 * True when the unit is kept. The reference keeps a unit when (h >>> 8) / 2^24 >= rate; the host passes
 * threshold = ceil(rate * 2^24), which turns that comparison into an exact one on integers.
 */
bool dropout_keeps(uint key, uint layer, uint example, uint unit, uint threshold) {
    uint h = mix32(key ^ mix32(layer * 0x9E3779B9u ^ mix32(example * 0x85EBCA6Bu ^ mix32(unit + 0x27D4EB2Fu))));
    return (h >> 8) >= threshold;
}

/* What dropout multiplies an activation by: 0 for a dropped unit, 1/(1-p) for a kept one, 1 with dropout off. */
float dropout_scale(uint key, uint layer, uint example, uint unit, uint threshold, float keptScale) {
    if (threshold == 0u) {
        return 1.0f;
    }
    return dropout_keeps(key, layer, example, unit, threshold) ? keptScale : 0.0f;
}
