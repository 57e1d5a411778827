package dev.mlp4j.core;

import dev.mlp4j.core.testing.PackageImports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Core's packages depend on each other in one direction only, so each can be read (and changed) before those above it. */
class PackageCyclesTest {
    private static final PackageImports CORE = PackageImports.of(Path.of("src/main/java"));

    @Test
    void no_two_packages_of_core_import_each_other_even_through_others() {
        assertTrue(CORE.graph().containsKey("dev.mlp4j.core.nn"), "core's sources were not found: " + CORE.graph().keySet());
        assertNull(CORE.cycle(), "core's packages import each other in a cycle");
    }

    @Test
    void the_network_imports_nothing_of_core_but_the_data_it_runs_on() {
        Set<String> used = CORE.graph().get("dev.mlp4j.core.nn").stream()
                .filter(p -> !p.equals("dev.mlp4j.core"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.mlp4j.core.data"), used);
    }

    @Test
    void a_cycle_through_a_third_package_is_found(@TempDir Path root) throws IOException {
        write(root, "a", "import dev.mlp4j.b.B;");
        write(root, "b", "import static dev.mlp4j.c.C.ONE;");
        write(root, "c", "import dev.mlp4j.a.A.Inner;");
        write(root, "d", "import dev.mlp4j.a.A;");
        assertEquals("dev.mlp4j.a -> dev.mlp4j.b -> dev.mlp4j.c -> dev.mlp4j.a", PackageImports.of(root).cycle());
    }

    @Test
    void packages_that_import_in_one_direction_have_no_cycle(@TempDir Path root) throws IOException {
        write(root, "a", "import dev.mlp4j.b.B;\nimport dev.mlp4j.c.C;");
        write(root, "b", "import dev.mlp4j.c.C;");
        write(root, "c", "import java.util.List;");
        assertNull(PackageImports.of(root).cycle());
    }

    private static void write(Path root, String pkg, String imports) throws IOException {
        Path dir = Files.createDirectories(root.resolve("dev/mlp4j/" + pkg));
        String name = pkg.toUpperCase(Locale.ROOT);
        Files.writeString(dir.resolve(name + ".java"), "package dev.mlp4j." + pkg + ";\n\n" + imports + "\n\nclass " + name + " {\n}\n");
    }
}
