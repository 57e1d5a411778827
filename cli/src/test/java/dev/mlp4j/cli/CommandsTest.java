package dev.mlp4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first commands end to end, in-process, on the generated examples (no MNIST needed). */
class CommandsTest {

    @Test
    void train_circle_reaches_95_percent_and_reports_json(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("circle.json");
        CliRun r = CliRun.of("train", "--example", "circle", "--backend", "core", "--save", model.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = r.json();
        assertEquals("train", json.get("command").asText());
        assertEquals("core", json.get("backend").asText());
        assertEquals(300, json.get("epochs").asInt());
        assertTrue(json.get("testAccuracy").asDouble() >= 0.95, "test accuracy " + json.get("testAccuracy"));
        assertTrue(json.get("bestTestAccuracy").asDouble() >= json.get("testAccuracy").asDouble());
        assertTrue(json.get("secondsPerEpoch").asDouble() > 0);
        assertTrue(json.get("examplesPerSecond").asDouble() > 0);
        assertTrue(r.out().contains("epoch 300/300"), "one line per epoch");
        assertTrue(Files.size(model) > 0);

        CliRun eval = CliRun.of("eval", "--model", model.toString(), "--example", "circle", "--backend", "core", "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        assertEquals(json.get("testAccuracy").asDouble(), eval.json().get("testAccuracy").asDouble(), 1e-12,
                "the saved model scores as the trained one did");
        assertEquals(json.get("device").asText(), eval.json().get("device").asText(), "eval names its device as train does");
    }

    @Test
    void train_identity_learns_the_identity_map() {
        CliRun r = CliRun.of("train", "--example", "identity", "--backend", "core", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.json().get("testMeanSquaredError").asDouble() < 1e-4, r.out());
        assertTrue(r.json().get("testAccuracy").isNull(), "no accuracy for regression");
        assertTrue(r.out().contains(String.format("test mse %.3g after epoch ", r.json().get("testMeanSquaredError").asDouble())), r.out());
    }

    @Test
    void train_ends_with_the_kept_test_accuracy_and_the_best_epochs_when_that_was_higher() {
        // Five epochs of the circle at its preset's large rate: the last epoch is not the best one on test.
        CliRun r = CliRun.of("train", "--example", "circle", "--epochs", "5", "--backend", "core", "--json");
        assertEquals(0, r.exitCode(), r.err());
        double last = r.json().get("testAccuracy").asDouble();
        double best = r.json().get("bestTestAccuracy").asDouble();
        assertTrue(best > last, "this run was meant to end below its best epoch: " + r.out());
        String summary = r.out().lines().filter(l -> l.startsWith("test accuracy ")).findFirst().orElse("(none)");
        assertTrue(summary.startsWith(String.format("test accuracy %.2f%% after epoch 5 (best on test: %.2f%% after epoch ",
                100 * last, 100 * best)), summary);
    }

    @Test
    void gradcheck_passes_every_valid_pair_and_counts_what_it_checked() {
        CliRun r = CliRun.of("gradcheck", "--json");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode json = r.json();
        assertTrue(json.get("passed").asBoolean());
        assertEquals(0, json.get("failed").asInt());
        // 4 hidden activations x 8 valid (output, cost) pairs, 43 parameters each in 4-5-3.
        assertEquals(32, json.get("networks").asInt());
        assertEquals(32 * 43, json.get("checked").asInt());
        assertTrue(json.get("maxRelativeError").asDouble() < 1e-3);
    }

    @Test
    void gradcheck_of_one_pair_reports_a_small_error() {
        CliRun r = CliRun.of("gradcheck", "--layers", "6,7,5,4", "--hidden", "tanh", "--output", "softmax",
                "--cost", "log-likelihood", "--batch", "3", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1, r.json().get("networks").asInt());
        assertEquals(6 * 7 + 7 + 7 * 5 + 5 + 5 * 4 + 4, r.json().get("checked").asInt());
        assertTrue(r.json().get("maxRelativeError").asDouble() > 0, "a real measurement, not a rounded-away zero");
    }

    @Test
    void an_invalid_pair_is_a_usage_error_in_one_sentence() {
        CliRun r = CliRun.of("train", "--example", "circle", "--output", "relu", "--cost", "cross-entropy");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("cross-entropy"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose");
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void devices_always_answers_and_names_what_auto_would_choose() {
        CliRun r = CliRun.of("devices", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.json().get("auto").asText().length() > 0);
        assertTrue(r.json().get("backends").size() >= 1);
    }
}
