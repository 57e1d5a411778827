package dev.mlp4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bench end to end on the core backend with a short epoch: what it reports and how its figures relate. */
class BenchCommandTest {

    @Test
    void repeated_epochs_report_the_median_between_the_fastest_and_the_slowest() {
        CliRun r = CliRun.of("bench", "--backends", "core", "--case", "784,30,10@10", "--examples", "300", "--repeat", "3", "--json");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode json = r.json();
        assertEquals("bench", json.get("command").asText());
        assertEquals(1, json.get("results").size(), "one backend, one case");
        JsonNode row = json.get("results").get(0);
        assertEquals("core", row.get("backend").asText());
        assertEquals(10, row.get("batch").asInt());
        assertEquals(300, row.get("examples").asInt());
        assertEquals(3, row.get("repeats").asInt());
        double median = row.get("secondsPerEpoch").asDouble();
        assertTrue(row.get("secondsPerEpochMin").asDouble() <= median && median <= row.get("secondsPerEpochMax").asDouble(),
                row.toString());
        double perSecond = row.get("examplesPerSecond").asDouble();
        assertEquals(50_000 / perSecond, median, 1e-9 * median, "s/epoch is for MNIST's 50,000 examples");
        // Dense FLOPs of 784-30-10: forward and weight gradient in both layers, w^T delta above layer 0.
        double flops = 4.0 * 784 * 30 + 6.0 * 30 * 10;
        assertEquals(perSecond * flops / 1e9, row.get("gflops").asDouble(), 1e-9 * row.get("gflops").asDouble());
        assertTrue(r.out().contains("median of 3 epochs"), r.out());
    }

    @Test
    void a_repeat_below_one_is_a_usage_error() {
        CliRun r = CliRun.of("bench", "--backends", "core", "--repeat", "0");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("--repeat"), r.err());
    }
}
