package dev.mlp4j.core.io;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** save never writes a file load would refuse, and says which file it could not write. */
class ModelFileSaveTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 1);

    @TempDir
    Path dir;

    private static Model model() {
        return new Model(SPEC, WeightInit.NORMAL.initialise(SPEC, new Random(1)), Map.of());
    }

    @Test
    void parameters_with_nan_or_infinity_are_refused_naming_the_first_and_nothing_is_written() {
        Path file = dir.resolve("model.json");
        Parameters p = model().parameters();
        p.weights(1)[2] = Double.NaN;
        p.biases(0)[1] = Double.POSITIVE_INFINITY;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelFile.save(new Model(SPEC, p, Map.of()), file));
        assertTrue(e.getMessage().contains("biases[0][1] = Infinity"), e.getMessage());
        assertFalse(Files.exists(file));
        p.biases(0)[1] = 0;
        InvalidInputException nan = assertThrows(InvalidInputException.class, () -> ModelFile.toJson(new Model(SPEC, p, Map.of())));
        assertTrue(nan.getMessage().contains("weights[1][0][2] = NaN"), nan.getMessage());
    }

    @Test
    void a_model_whose_parameters_are_of_another_network_or_missing_is_refused() {
        NetworkSpec larger = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 1);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new Model(SPEC, new Parameters(larger), Map.of()));
        assertTrue(e.getMessage().contains("2,5,1") && e.getMessage().contains("parameters.spec()"), e.getMessage());
        NetworkSpec tanh = NetworkSpec.of(Activation.TANH, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 1);
        assertThrows(InvalidInputException.class, () -> new Model(tanh, new Parameters(SPEC), Map.of()));
        assertThrows(InvalidInputException.class, () -> new Model(null, new Parameters(SPEC), Map.of()));
        assertThrows(InvalidInputException.class, () -> new Model(SPEC, null, Map.of()));
    }

    @Test
    void a_name_too_long_is_refused_naming_the_target_not_the_temporary_file() throws IOException {
        Path file = dir.resolve("a".repeat(251) + ".json");
        IOException e = assertThrows(IOException.class, () -> ModelFile.save(model(), file));
        assertTrue(e.getMessage().startsWith("Cannot write " + file + ": the file system does not take a name that long ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); write to another file."), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temporary file is left");
        }
    }

    @Test
    void a_folder_that_takes_no_files_is_refused_naming_the_target() {
        // /proc takes no new files, even for root; nothing is written there.
        Path proc = Paths.get("/proc");
        assumeTrue(Files.isDirectory(proc.resolve("self")), "no /proc here");
        Path file = proc.resolve("x.json");
        IOException e = assertThrows(IOException.class, () -> ModelFile.save(model(), file));
        assertTrue(e.getMessage().startsWith("Cannot write /proc/x.json: cannot create files in /proc ("), e.getMessage());
        assertFalse(e.getMessage().contains(".mlp4j-"), e.getMessage());
    }
}
