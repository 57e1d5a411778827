package dev.mlp4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    void an_unknown_or_empty_backend_name_is_a_usage_error_naming_the_known_ones() {
        CliRun unknown = CliRun.of("bench", "--backends", "nosuch", "--json");
        assertEquals(ExitCodes.USAGE, unknown.exitCode(), unknown.out() + unknown.err());
        assertTrue(unknown.err().contains("'nosuch'") && unknown.err().contains("core"), unknown.err());
        assertEquals(ExitCodes.USAGE, unknown.json().get("exitCode").asInt());
        CliRun empty = CliRun.of("bench", "--backends", "", "--json");
        assertEquals(ExitCodes.USAGE, empty.exitCode(), empty.out() + empty.err());
    }

    /** bench in a child JVM whose libOpenCL cannot load, so that opencl cannot run whatever this machine has. */
    private static CliRun withoutOpenCl(Path dir, String... args) throws Exception {
        Process p = BrokenOpenClJvm.builder(dir, args).redirectError(dir.resolve("stderr.txt").toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child did not end:\n" + out);
        return new CliRun(p.exitValue(), out, Files.readString(dir.resolve("stderr.txt")));
    }

    @Test
    void a_backend_that_cannot_run_is_listed_as_skipped_and_none_at_all_is_a_failure(@TempDir Path dir) throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "the library path trick is Linux's");
        String data = Fixtures.miniMnist().toString();
        CliRun some = withoutOpenCl(dir, "bench", "--backends", "opencl,core", "--case", "784,30,10@10", "--examples", "100", "--data", data, "--json");
        assertEquals(ExitCodes.OK, some.exitCode(), some.out() + some.err());
        JsonNode json = some.json();
        assertEquals(1, json.get("results").size(), json.toString());
        assertEquals("opencl", json.get("skipped").get(0).get("name").asText(), json.toString());
        assertFalse(json.get("skipped").get(0).get("reason").asText().isBlank(), json.toString());

        CliRun none = withoutOpenCl(dir, "bench", "--backends", "opencl", "--case", "784,30,10@10", "--examples", "100", "--data", data, "--json");
        assertEquals(ExitCodes.FAILURE, none.exitCode(), none.out() + none.err());
        assertEquals(0, none.json().get("results").size());
        assertEquals("opencl", none.json().get("skipped").get(0).get("name").asText());
        assertTrue(none.json().get("error").asText().startsWith("No backend could be timed: opencl: "), none.out());
        assertTrue(none.err().contains("error: No backend could be timed"), none.err());
    }

    @Test
    void a_case_with_a_batch_or_a_layer_below_one_or_no_examples_is_a_usage_error() {
        CliRun batch = CliRun.of("bench", "--backends", "core", "--case", "784,100,10@0", "--examples", "100", "--json");
        assertEquals(ExitCodes.USAGE, batch.exitCode(), batch.out() + batch.err());
        assertEquals("error: The batch size in --case '784,100,10@0' must be at least 1, e.g. 784,100,10@100.", batch.err().strip());
        assertEquals(ExitCodes.USAGE, batch.json().get("exitCode").asInt());
        CliRun negative = CliRun.of("bench", "--backends", "core", "--case", "784,100,10@-5", "--examples", "100");
        assertEquals(ExitCodes.USAGE, negative.exitCode(), negative.out() + negative.err());
        CliRun layer = CliRun.of("bench", "--backends", "core", "--case", "784,0,10@10", "--examples", "100");
        assertEquals(ExitCodes.USAGE, layer.exitCode(), layer.out() + layer.err());
        CliRun examples = CliRun.of("bench", "--backends", "core", "--case", "784,100,10@10", "--examples", "0");
        assertEquals(ExitCodes.USAGE, examples.exitCode(), examples.out() + examples.err());
        assertTrue(examples.err().contains("--examples"), examples.err());
    }

    @Test
    void a_repeat_below_one_is_a_usage_error() {
        CliRun r = CliRun.of("bench", "--backends", "core", "--repeat", "0");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("--repeat"), r.err());
    }
}
