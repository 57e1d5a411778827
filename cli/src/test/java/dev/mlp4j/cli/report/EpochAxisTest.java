package dev.mlp4j.cli.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The epoch axis's labels: a round step, never closer than twice a label's width, however many epochs. */
class EpochAxisTest {
    /** About the width of a three-digit label in the charts' bold tick font. */
    private static final double THREE_DIGITS = 22;

    @Test
    void three_hundred_epochs_are_labelled_every_fifty() {
        int step = EpochAxis.step(300, EpochAxis.PLOT_PIXELS, THREE_DIGITS);
        assertEquals(50, step);
        assertEquals(List.of(0, 50, 100, 150, 200, 250, 300), EpochAxis.ticks(300, step));
    }

    @Test
    void few_epochs_are_each_labelled() {
        assertEquals(List.of(1, 2, 3), EpochAxis.ticks(3, EpochAxis.step(3, EpochAxis.PLOT_PIXELS, 7)));
        assertEquals(List.of(0, 1, 2), EpochAxis.ticks(1, EpochAxis.step(1, EpochAxis.PLOT_PIXELS, 7)));
    }

    @Test
    void labels_stand_twice_their_width_apart_at_any_length_of_run() {
        for (int epochs = 1; epochs <= 20_000; epochs++) {
            double label = 7.5 * String.valueOf(epochs).length();
            int step = EpochAxis.step(epochs, EpochAxis.PLOT_PIXELS, label);
            List<Integer> ticks = EpochAxis.ticks(epochs, step);
            assertTrue(!ticks.isEmpty(), epochs + " epochs: no label");
            assertTrue(epochs == 1 || EpochAxis.PLOT_PIXELS * step / epochs >= 2 * label, epochs + " epochs: step " + step);
            int significand = step / (int) Math.pow(10, (int) Math.log10(step));
            assertTrue(significand == 1 || significand == 2 || significand == 5, "round step: " + step);
        }
    }
}
