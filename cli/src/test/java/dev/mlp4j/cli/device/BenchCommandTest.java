package dev.mlp4j.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlp4j.cli.BrokenOpenClJvm;
import dev.mlp4j.cli.CliRun;
import dev.mlp4j.cli.ExitCodes;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    void the_columns_stay_aligned_whatever_the_length_of_a_case() {
        String longCase = "784,10,10,10,10,10,10,10@10";
        CliRun r = CliRun.of("bench", "--backends", "core", "--case", longCase + ";784-30-10@10", "--examples", "100", "--repeat", "2");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        String header = lines.stream().filter(l -> l.startsWith("case ")).findFirst().orElseThrow();
        List<String> rows = lines.stream().filter(l -> l.startsWith("784,")).toList();
        assertEquals(2, rows.size(), r.out());
        for (String column : new String[] {"examples/s", "GFLOP/s", "s/epoch"}) {
            int end = header.indexOf(column) + column.length();
            for (String row : rows) {
                // Right-aligned numbers: each ends where its column's name ends.
                assertTrue(Character.isDigit(row.charAt(end - 1)) && row.charAt(end) == ' ', column + " out of line:\n" + r.out());
            }
        }
        int device = header.indexOf("device");
        rows.forEach(row -> assertTrue(row.startsWith("Java", device), "device out of line:\n" + r.out()));
        assertTrue(r.out().contains("the median of 2 epochs"), r.out());
    }

    @Test
    void clblasts_yardstick_is_a_column_explained_once_below_the_table() {
        StringWriter text = new StringWriter();
        BenchTable table = new BenchTable(new PrintWriter(text, true), List.of("784,1024,1024,10 @ 1000"), 1, true, 50_000);
        table.header();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("case", "784,1024,1024,10 @ 1000");
        row.put("backend", "opencl");
        row.put("device", "a GPU");
        row.put("examples", 50_000);
        row.put("examplesPerSecond", 86_061.4);
        row.put("gflops", 822.5);
        row.put("secondsPerEpoch", 0.581);
        row.put("sgemmAloneExamplesPerSecond", 8606.2);
        row.put("fractionOfSgemmAlone", 10.0);
        table.row(row);
        table.footnotes();
        String[] lines = text.toString().split("\n");
        assertFalse(text.toString().contains("[CLBlast") || text.toString().contains("%]"), text.toString());
        int end = lines[0].indexOf("SGEMM-only") + "SGEMM-only".length();
        assertEquals("8,606", lines[1].substring(end - 5, end), text.toString());
        assertTrue(lines[1].contains(" 86,061 "), text.toString());
        assertTrue(lines[3].startsWith("SGEMM-only: examples/s of CLBlast's SGEMM alone on the same matrix products"), text.toString());
    }

    @Test
    void the_default_run_times_the_three_small_cases_and_full_adds_the_large_one() {
        CliRun r = CliRun.of("bench", "--backends", "core", "--examples", "10", "--json");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode results = r.json().get("results");
        assertEquals(3, results.size(), r.out());
        results.forEach(row -> assertEquals("784,100,10", row.get("layers").asText()));
        CliRun both = CliRun.of("bench", "--full", "--case", "784,30,10@10");
        assertEquals(ExitCodes.USAGE, both.exitCode(), both.out() + both.err());
        assertTrue(both.err().contains("--full") && both.err().contains("--case"), both.err());
        String help = CliRun.of("bench", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("with --full also 784-1024-1024-10 at batch 1000"), help);
    }

    @Test
    void a_repeat_below_one_is_a_usage_error() {
        CliRun r = CliRun.of("bench", "--backends", "core", "--repeat", "0");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("--repeat"), r.err());
    }
}
