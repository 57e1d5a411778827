package dev.mlp4j.core.nn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counter-based dropout mask: deterministic, at the requested rate, and different per batch key. */
class DropoutMaskTest {

    @Test
    void the_kept_fraction_matches_one_minus_the_rate() {
        for (double rate : new double[] {0.1, 0.5, 0.8}) {
            int kept = 0;
            int total = 0;
            int key = DropoutMask.batchKey(7, 3);
            for (int layer = 0; layer < 3; layer++) {
                for (int example = 0; example < 100; example++) {
                    for (int unit = 0; unit < 300; unit++) {
                        total++;
                        if (DropoutMask.keeps(key, layer, example, unit, rate)) {
                            kept++;
                        }
                    }
                }
            }
            double fraction = (double) kept / total;
            // 90,000 draws: the standard error is below 0.002.
            assertEquals(1 - rate, fraction, 0.01, "rate " + rate);
        }
    }

    @Test
    void rate_zero_keeps_every_unit() {
        for (int unit = 0; unit < 10_000; unit++) {
            assertTrue(DropoutMask.keeps(unit * 31, unit % 3, unit % 17, unit, 0.0));
        }
    }

    @Test
    void masks_repeat_for_the_same_key_and_differ_between_keys() {
        int a = DropoutMask.batchKey(1, 0);
        int b = DropoutMask.batchKey(1, 1);
        int c = DropoutMask.batchKey(2, 0);
        assertEquals(a, DropoutMask.batchKey(1, 0));
        int sameAsB = 0;
        int sameAsC = 0;
        int n = 4000;
        for (int unit = 0; unit < n; unit++) {
            boolean keepA = DropoutMask.keeps(a, 0, 0, unit, 0.5);
            assertEquals(keepA, DropoutMask.keeps(a, 0, 0, unit, 0.5));
            sameAsB += keepA == DropoutMask.keeps(b, 0, 0, unit, 0.5) ? 1 : 0;
            sameAsC += keepA == DropoutMask.keeps(c, 0, 0, unit, 0.5) ? 1 : 0;
        }
        // Independent masks agree on about half the units.
        assertEquals(0.5, (double) sameAsB / n, 0.05);
        assertEquals(0.5, (double) sameAsC / n, 0.05);
    }

    @Test
    void the_mask_depends_on_layer_and_example_as_well_as_unit() {
        int key = DropoutMask.batchKey(5, 5);
        int differentLayer = 0;
        int differentExample = 0;
        for (int unit = 0; unit < 2000; unit++) {
            boolean k = DropoutMask.keeps(key, 0, 0, unit, 0.5);
            differentLayer += k != DropoutMask.keeps(key, 1, 0, unit, 0.5) ? 1 : 0;
            differentExample += k != DropoutMask.keeps(key, 0, 1, unit, 0.5) ? 1 : 0;
        }
        assertTrue(differentLayer > 800 && differentLayer < 1200, "differ across layers: " + differentLayer);
        assertTrue(differentExample > 800 && differentExample < 1200, "differ across examples: " + differentExample);
    }
}
