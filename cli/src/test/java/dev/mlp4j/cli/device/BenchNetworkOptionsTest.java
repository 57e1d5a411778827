package dev.mlp4j.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlp4j.cli.CliRun;
import dev.mlp4j.cli.ExitCodes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bench times the network --hidden, --output and --cost name, on the cpu backend as on the others. */
class BenchNetworkOptionsTest {

    @Test
    void a_relu_softmax_network_is_timed_on_cpu() {
        CliRun r = CliRun.of("bench", "--backends", "cpu", "--case", "784,30,10@10", "--hidden", "relu", "--output", "softmax",
                "--cost", "log-likelihood", "--examples", "300", "--json");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode json = r.json();
        if (json.get("results").isEmpty()) {
            // The cpu backend cannot run here (no OpenBLAS for this platform): bench says why and times nothing.
            assertTrue(json.get("skipped").get(0).get("reason").asText().contains("OpenBLAS"), json.toString());
            return;
        }
        JsonNode row = json.get("results").get(0);
        assertEquals("cpu", row.get("backend").asText());
        assertTrue(row.get("examplesPerSecond").asDouble() > 0, row.toString());
    }

    @Test
    void a_network_that_cannot_be_trained_is_a_usage_error() {
        CliRun r = CliRun.of("bench", "--backends", "core", "--case", "784,30,10@10", "--output", "linear", "--cost", "log-likelihood",
                "--examples", "300", "--json");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("log-likelihood") && r.err().contains("softmax"), r.err());
    }
}
