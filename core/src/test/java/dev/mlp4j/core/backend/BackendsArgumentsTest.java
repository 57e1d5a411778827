package dev.mlp4j.core.backend;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** select refuses missing arguments with a sentence rather than a NullPointerException from a provider. */
class BackendsArgumentsTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 1);

    @Test
    void a_null_spec_or_options_is_refused_with_what_to_pass() {
        InvalidInputException options = assertThrows(InvalidInputException.class,
                () -> Backends.select(ReferenceProvider.NAME, SPEC, null));
        assertTrue(options.getMessage().contains("BackendOptions.DEFAULT"), options.getMessage());
        assertThrows(InvalidInputException.class, () -> Backends.select(Backends.AUTO, SPEC, null));
        InvalidInputException spec = assertThrows(InvalidInputException.class,
                () -> Backends.select(ReferenceProvider.NAME, null, BackendOptions.DEFAULT));
        assertTrue(spec.getMessage().startsWith("The NetworkSpec is null"), spec.getMessage());
    }
}
