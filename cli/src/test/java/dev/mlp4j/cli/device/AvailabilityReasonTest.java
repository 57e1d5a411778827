package dev.mlp4j.cli.device;

import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendProvider;
import dev.mlp4j.core.backend.Backends;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every provider on the tool's class path gives why it cannot run as a clause, without a closing full stop: "auto"
 * lists reasons as clauses and a sentence adds the full stop, so no one has to cut one off a reason's text.
 */
class AvailabilityReasonTest {
    /** A device index no machine has, which every provider refuses with a reason. */
    private static final BackendOptions NO_SUCH_DEVICE = new BackendOptions(999);

    @Test
    void every_providers_reason_is_a_clause() {
        List<BackendProvider> providers = Backends.providers();
        List<String> sentences = new ArrayList<>();
        for (BackendProvider p : providers) {
            BackendProvider.Availability a = p.availability(NO_SUCH_DEVICE);
            assertFalse(a.available(), p.name() + " takes device 999");
            assertFalse(a.reason().isBlank(), p.name() + " gives no reason");
            if (a.reason().strip().endsWith(".")) {
                sentences.add(p.name() + ": " + a.reason());
            }
            assertEquals(a.reason() + ".", a.sentence());
        }
        assertTrue(providers.size() >= 4, "the tool's providers were found: " + providers.size());
        assertTrue(sentences.isEmpty(), "reasons that end in a full stop:\n" + String.join("\n", sentences));
    }
}
