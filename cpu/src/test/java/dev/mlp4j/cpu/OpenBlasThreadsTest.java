package dev.mlp4j.cpu;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How many threads OpenBLAS is given: one per core unless OPENBLAS_NUM_THREADS names fewer. */
class OpenBlasThreadsTest {

    @Test
    void a_thread_per_core_unless_the_environment_names_fewer() {
        assertEquals(2, OpenBlas.threads(null, 2));
        assertEquals(1, OpenBlas.threads("1", 2));
        assertEquals(1, OpenBlas.threads(" 1 ", 2));
        assertEquals(3, OpenBlas.threads("3", 4));
    }

    @Test
    void a_value_openblas_would_not_take_leaves_a_thread_per_core() {
        assertEquals(2, OpenBlas.threads("0", 2));
        assertEquals(2, OpenBlas.threads("-1", 2));
        assertEquals(2, OpenBlas.threads("8", 2));
        assertEquals(2, OpenBlas.threads("two", 2));
        assertEquals(2, OpenBlas.threads("", 2));
    }
}
