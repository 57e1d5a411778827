package dev.mlp4j.gpu.opencl.context;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launch sizes against the grid limits of NVIDIA's driver, which PoCL does not have. */
class LaunchGeometryTest {
    @Test
    void seventy_thousand_rows_in_dimension_1_with_groups_of_one_row_are_refused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LaunchGeometry.covering(new long[] {784, 70_000}, new long[] {64, 1}));
        assertTrue(e.getMessage().contains("dimension 1"), e.getMessage());
    }

    @Test
    void the_limit_of_dimension_1_is_65535_groups_whatever_the_group_size() {
        assertDoesNotThrow(() -> LaunchGeometry.covering(new long[] {1, 65_535}, new long[] {1, 1}));
        assertThrows(IllegalStateException.class, () -> LaunchGeometry.covering(new long[] {1, 65_536}, new long[] {1, 1}));
        assertDoesNotThrow(() -> LaunchGeometry.covering(new long[] {1, 65_535 * 4}, new long[] {1, 4}));
        assertThrows(IllegalStateException.class, () -> LaunchGeometry.covering(new long[] {1, 1, 65_536}, new long[] {1, 1, 1}));
    }

    @Test
    void rows_flattened_with_units_into_dimension_0_fit() {
        LaunchGeometry g = LaunchGeometry.covering(new long[] {70_000L * 784}, new long[] {64});
        assertEquals(70_000L * 784 / 64, g.groups(0));
        LaunchGeometry tiles = LaunchGeometry.covering(new long[] {70_000}, new long[] {1});
        assertEquals(70_000, tiles.groups(0));
        assertThrows(IllegalStateException.class, () -> LaunchGeometry.covering(new long[] {1L << 31}, new long[] {1}));
    }

    @Test
    void global_sizes_round_up_to_whole_groups_and_an_empty_launch_says_so() {
        LaunchGeometry g = LaunchGeometry.covering(new long[] {100}, new long[] {64});
        assertArrayEquals(new long[] {128}, g.global());
        assertEquals(2, g.groups(0));
        assertTrue(LaunchGeometry.covering(new long[] {0}, new long[] {64}).empty());
    }

    @Test
    void the_arrays_given_and_returned_are_copies() {
        long[] global = {128};
        LaunchGeometry g = new LaunchGeometry(global, new long[] {64});
        global[0] = 1 << 20;
        g.global()[0] = 1 << 20;
        assertArrayEquals(new long[] {128}, g.global());
    }
}
