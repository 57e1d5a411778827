package dev.mlp4j.cli.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlp4j.cli.CliRun;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** verify and verify --step on the shipped example files: text, JSON and exit codes. */
class VerifyCommandTest {

    private static String example(String name) {
        return Fixtures.path("verify/" + name).toString();
    }

    @Test
    void a_correct_file_agrees_and_exits_0() {
        CliRun run = CliRun.of("verify", example("correct.json"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("forward pass (activations): agrees"), run.out());
        assertTrue(run.out().contains("δ (deltas): agrees"), run.out());
        assertTrue(run.out().contains("gradient: agrees"), run.out());
        assertTrue(run.out().strip().endsWith("result: everything agrees with the reference"), run.out());
        assertFalse(run.out().contains("diagnosis:"));
    }

    @Test
    void a_mistaken_gradient_exits_1_naming_the_mistake_and_the_entries_in_the_users_layout() {
        CliRun run = CliRun.of("verify", example("output-delta-times-sigma-prime.json"));
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("gradient: DIFFERS"), run.out());
        assertTrue(run.out().contains("weights[0][0][0]: yours "), run.out());
        assertTrue(run.out().contains("  - output-delta-times-sigma-prime: The output δ is multiplied by σ'(z)"), run.out());
        assertTrue(run.out().strip().endsWith("result: MISMATCH"));
        assertEquals("", run.err());
    }

    @Test
    void a_transposed_gradient_is_marked_where_it_is_and_no_layer_of_it_matches() {
        CliRun run = CliRun.of("verify", "--json", example("transposed-weight-gradient.json"));
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("gradient: DIFFERS"), run.out());
        assertTrue(run.out().matches("(?s).*\\n  weights\\[0]  +max relative error \\S+ +stored \\[to]\\[from]: .*"), run.out());
        JsonNode j = run.json();
        assertFalse(j.get("match").asBoolean());
        JsonNode transposedLayers = j.get("diagnoses").get(0).get("arrays");
        for (JsonNode layer : j.get("layers")) {
            boolean transposed = false;
            for (JsonNode a : transposedLayers) {
                transposed |= a.asText().equals("weights[" + layer.get("layer").asInt() + "]");
            }
            if (transposed) {
                assertFalse(layer.get("match").asBoolean(), layer.toString());
            }
        }
        for (JsonNode a : j.get("gradients")) {
            boolean transposed = false;
            for (JsonNode t : transposedLayers) {
                transposed |= t.asText().equals(a.get("array").asText());
            }
            assertEquals(transposed, a.has("storedToFrom") && a.get("storedToFrom").asBoolean(), a.toString());
        }
    }

    @Test
    void json_carries_match_per_layer_errors_and_diagnoses() {
        CliRun run = CliRun.of("verify", "--json", example("summed-not-averaged.json"));
        assertEquals(1, run.exitCode());
        JsonNode j = run.json();
        assertEquals("verify", j.get("command").asText());
        assertEquals("gradient", j.get("mode").asText());
        assertFalse(j.get("match").asBoolean());
        assertEquals(3, j.get("examples").asInt());
        assertEquals("mean", j.get("reduction").asText());
        assertEquals(2, j.get("layers").size());
        assertEquals(2.0 / 3, j.get("layers").get(0).get("weightsMaxRelativeError").asDouble(), 1e-9);
        assertEquals(4, j.get("gradients").size());
        assertEquals("weights[0][0][0]", j.get("gradients").get(0).get("first").get(0).get("entry").asText());
        JsonNode d = j.get("diagnoses");
        assertEquals(1, d.size());
        assertEquals("summed-not-averaged", d.get(0).get("kind").asText());
        assertEquals(3.0, d.get(0).get("value").asDouble());
        assertTrue(j.get("activations").isEmpty(), "the file gives no activations");

        JsonNode ok = CliRun.of("verify", "--json", example("correct.json")).json();
        assertTrue(ok.get("match").asBoolean());
        assertTrue(ok.get("diagnoses").isEmpty());
        assertEquals(3, ok.get("activations").size());
    }

    @Test
    void a_step_made_by_per_example_updates_is_named() {
        CliRun run = CliRun.of("verify", "--step", "--json", example("step-per-example.json"));
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("step (after − before; η 0.5): DIFFERS"), run.out());
        JsonNode j = run.json();
        assertEquals("step", j.get("mode").asText());
        assertEquals("per-example-updates", j.get("diagnoses").get(0).get("kind").asText());
        assertEquals(1, j.get("diagnoses").size());
        assertEquals(4, j.get("step").size());
        assertEquals(0, CliRun.of("verify", "--step", example("step-correct.json")).exitCode());
    }

    @Test
    void a_step_file_without_step_says_to_use_step() {
        CliRun run = CliRun.of("verify", example("step-correct.json"));
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("'gradients' is missing") && run.err().contains("verify --step"), run.err());
    }

    @Test
    void a_bad_file_is_one_sentence_naming_the_file_and_field(@TempDir Path dir) throws Exception {
        String text = Files.readString(Fixtures.path("verify/correct.json"))
                .replace("[-0.0481204056902683, 0.05508474186201064, -0.02374997963674092]", "[-0.0481204056902683, 0.05508474186201064]");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, text);
        CliRun run = CliRun.of("verify", "--json", bad.toString());
        assertEquals(1, run.exitCode());
        assertEquals("error: " + bad + ": 'gradients.weights[0][0]' has 2 entries but should have 3.", run.err().strip());
        assertEquals(run.err().strip().substring("error: ".length()), run.json().get("error").asText());
        CliRun missing = CliRun.of("verify", dir.resolve("none.json").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("none.json: no such file."), missing.err());
    }

    @Test
    void usage_errors_exit_2() {
        assertEquals(2, CliRun.of("verify").exitCode());
        CliRun tolerance = CliRun.of("verify", "--tolerance", "2", example("correct.json"));
        assertEquals(2, tolerance.exitCode());
        assertTrue(tolerance.err().contains("--tolerance must be between 0 and 1"), tolerance.err());
    }

    @Test
    void a_looser_tolerance_can_accept_what_a_tight_one_refuses(@TempDir Path dir) throws Exception {
        // Rounded to 4 significant digits, as a float32 export might be.
        String text = Files.readString(Fixtures.path("verify/correct.json")).replace("-0.0481204056902683", "-0.04812");
        Path file = dir.resolve("rounded.json");
        Files.writeString(file, text);
        assertEquals(1, CliRun.of("verify", file.toString()).exitCode());
        assertEquals(0, CliRun.of("verify", "--tolerance", "1e-3", file.toString()).exitCode());
    }
}
