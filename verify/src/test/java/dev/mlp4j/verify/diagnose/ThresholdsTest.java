package dev.mlp4j.verify.diagnose;

import dev.mlp4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Thresholds that would hide findings without saying so, or flag every network, are refused. */
class ThresholdsTest {

    @Test
    void nan_and_values_out_of_range_are_refused_naming_the_threshold() {
        InvalidInputException nan = assertThrows(InvalidInputException.class,
                () -> new Thresholds(1.5, Double.NaN, 0.1, 1e-2, 1e2, 3, 1e-4));
        assertTrue(nan.getMessage().startsWith("The diagnosis threshold saturated is NaN"), nan.getMessage());
        assertThrows(InvalidInputException.class, () -> new Thresholds(0, 0.1, 0.1, 1e-2, 1e2, 3, 1e-4));
        assertThrows(InvalidInputException.class, () -> new Thresholds(1.5, 1.5, 0.1, 1e-2, 1e2, 3, 1e-4));
        assertThrows(InvalidInputException.class, () -> new Thresholds(1.5, 0.1, -0.1, 1e-2, 1e2, 3, 1e-4));
        InvalidInputException order = assertThrows(InvalidInputException.class,
                () -> new Thresholds(1.5, 0.1, 0.1, 1e3, 1e2, 3, 1e-4));
        assertTrue(order.getMessage().contains("vanishing") && order.getMessage().contains("below exploding"), order.getMessage());
        assertThrows(InvalidInputException.class, () -> new Thresholds(1.5, 0.1, 0.1, 1e-2, Double.NaN, 3, 1e-4));
        assertThrows(InvalidInputException.class, () -> new Thresholds(1.5, 0.1, 0.1, 1e-2, 1e2, 3, 5));
        assertThrows(InvalidInputException.class, () -> new Thresholds(1.5, 0.1, 0.1, 1e-2, 1e2, -3, 1e-4));
    }

    @Test
    void the_defaults_and_thresholds_that_turn_a_finding_off_are_accepted() {
        Thresholds d = Thresholds.DEFAULT;
        new Thresholds(d.inputMax(), d.saturated(), d.dead(), d.vanishing(), d.exploding(), d.updateTooLarge(), d.updateTooSmall());
        new Thresholds(Double.POSITIVE_INFINITY, 1, 1, 0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0);
    }
}
