package dev.mlp4j.core.data;

import dev.mlp4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A data set is refused when it is made if scoring it would crash or mean nothing later. */
class DataSetArgumentsTest {

    @Test
    void a_label_outside_the_classes_is_refused_at_construction() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new DataSet("three", 2, 1, 3, new float[2], new float[] {1, 0, 0, 0, 0, 1}, new int[] {0, 3}));
        assertTrue(e.getMessage().contains("label 3 of example 1 is outside 0..2"), e.getMessage());
        assertThrows(InvalidInputException.class,
                () -> new DataSet("three", 1, 1, 3, new float[1], new float[] {1, 0, 0}, new int[] {-1}));
        // One output unit: two classes, 0 and 1.
        new DataSet("binary", 2, 1, 1, new float[2], new float[] {0, 1}, new int[] {0, 1});
        assertThrows(InvalidInputException.class, () -> new DataSet("binary", 1, 1, 1, new float[1], new float[] {1}, new int[] {2}));
    }

    @Test
    void a_label_its_targets_disagree_with_is_refused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new DataSet("swapped", 1, 1, 3, new float[1], new float[] {0, 0, 1}, new int[] {1}));
        assertTrue(e.getMessage().contains("example 0 has label 1"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new DataSet("binary", 1, 1, 1, new float[1], new float[] {0.9f}, new int[] {0}));
    }

    @Test
    void null_arrays_wrong_lengths_and_negative_sizes_are_refused_with_a_sentence() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new DataSet("none", 1, 1, 1, null, new float[1], null));
        assertTrue(e.getMessage().startsWith("The inputs of data set none are null"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new DataSet("none", 1, 1, 1, new float[1], null, null));
        assertThrows(InvalidInputException.class, () -> new DataSet("short", 2, 1, 1, new float[1], new float[2], null));
        assertThrows(InvalidInputException.class, () -> new DataSet("negative", -1, -2, 1, new float[2], new float[0], null));
        assertThrows(InvalidInputException.class, () -> DataSet.classification("none", 1, 3, new float[1], null));
    }

    @Test
    void the_arrays_are_kept_not_copied() {
        float[] x = {1, 2};
        float[] y = {0, 1};
        DataSet d = new DataSet("kept", 2, 1, 1, x, y, null);
        assertSame(x, d.inputArray());
        assertSame(y, d.targetArray());
        assertEquals(2, d.size());
    }
}
