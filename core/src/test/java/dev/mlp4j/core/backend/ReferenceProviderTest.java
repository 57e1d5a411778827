package dev.mlp4j.core.backend;

import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference has no OpenCL device: asking it for one is refused, never silently ignored. */
class ReferenceProviderTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, 2, 3, 1);

    @Test
    void it_runs_when_no_device_is_asked_for() {
        assertTrue(new ReferenceProvider().availability(BackendOptions.DEFAULT).available());
    }

    @Test
    void a_device_index_is_one_it_cannot_take() {
        BackendProvider.Availability a = new ReferenceProvider().availability(new BackendOptions(5));
        assertFalse(a.available());
        assertTrue(a.reason().contains("device 5"), a.reason());
        assertFalse(a.reason().endsWith("."), "a reason is a clause, which a sentence ends: " + a.reason());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.select(ReferenceProvider.NAME, SPEC, new BackendOptions(5)));
        assertTrue(e.getMessage().contains("--device"), e.getMessage());
        assertTrue(e.getMessage().endsWith("use it."), e.getMessage());
    }
}
