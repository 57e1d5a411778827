package dev.mlp4j.verify;

import dev.mlp4j.core.testing.PackageImports;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verify module's packages are layers: reading the file, the reference, comparing, naming mistakes, the verifier. */
class PackageCyclesTest {
    private static final PackageImports VERIFY = PackageImports.of(Path.of("src/main/java"));

    @Test
    void no_two_packages_of_the_module_import_each_other_even_through_others() {
        assertTrue(VERIFY.graph().containsKey("dev.mlp4j.verify.file"), "the module's sources were not found: " + VERIFY.graph().keySet());
        assertNull(VERIFY.cycle(), "the verify module's packages import each other in a cycle");
    }

    @Test
    void reading_a_verify_file_needs_nothing_else_of_the_module() {
        Set<String> used = VERIFY.graph().get("dev.mlp4j.verify.file").stream()
                .filter(p -> p.startsWith("dev.mlp4j.verify"))
                .collect(Collectors.toSet());
        assertEquals(Set.of(), used);
    }
}
