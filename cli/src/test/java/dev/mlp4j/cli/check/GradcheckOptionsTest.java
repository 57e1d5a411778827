package dev.mlp4j.cli.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlp4j.cli.CliRun;
import dev.mlp4j.cli.ExitCodes;
import dev.mlp4j.gpu.DeviceScan;
import dev.mlp4j.gpu.OpenClDevice;
import dev.mlp4j.gpu.OpenClDevices;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** gradcheck's backend and tolerances: what its help says is what it does, on every backend. */
class GradcheckOptionsTest {
    private static final String[] ONE_NET = {"gradcheck", "--layers", "3,4,2", "--hidden", "sigmoid", "--output", "sigmoid", "--cost", "quadratic"};

    private static CliRun gradcheck(String... more) {
        String[] args = new String[ONE_NET.length + more.length];
        System.arraycopy(ONE_NET, 0, args, 0, ONE_NET.length);
        System.arraycopy(more, 0, args, ONE_NET.length, more.length);
        return CliRun.of(args);
    }

    private static void assumeOpenCl() {
        DeviceScan scan = OpenClDevices.scan();
        assumeTrue(scan.available(), "no OpenCL device here: " + scan.problem());
    }

    @Test
    void the_default_is_core_as_the_help_says_and_the_text_names_it() {
        String help = CliRun.of("gradcheck", "--help").out();
        assertTrue(help.contains("Default: core."), help);
        CliRun r = gradcheck("--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("backend core on Java (reference, float64)"), r.out());
        assertTrue(r.out().contains("central finite differences, epsilon 1.00e-06"), r.out());
        assertEquals("core", r.json().get("backend").asText());
    }

    @Test
    void a_pass_above_the_relative_bound_says_it_passed_by_the_absolute_floor() {
        CliRun byFloor = gradcheck("--max-relative-error", "1e-12", "--min-absolute-error", "1e-6");
        assertEquals(0, byFloor.exitCode(), byFloor.out());
        assertTrue(byFloor.out().matches("(?s).* ok {4}max relative error \\S+ over 26 parameters \\(at (weights|biases)\\[\\d]\\[\\d+], "
                + "\\|a - n\\| = \\S+ is below the absolute floor 1\\.00e-06: rounding on a tiny derivative, not a wrong gradient\\).*"), byFloor.out());
        CliRun plain = gradcheck();
        assertEquals(0, plain.exitCode(), plain.out());
        assertFalse(plain.out().contains("absolute floor 1"), plain.out());
    }

    @Test
    void tolerances_apply_on_core() {
        assertEquals(ExitCodes.FAILURE, gradcheck("--max-relative-error", "1e-12", "--min-absolute-error", "0").exitCode());
    }

    @Test
    void tolerances_apply_on_opencl_too() {
        assumeOpenCl();
        CliRun loose = gradcheck("--backend", "opencl", "--json");
        assertEquals(0, loose.exitCode(), loose.out() + loose.err());
        JsonNode json = loose.json();
        assertEquals(1e-4, json.get("maxRelativeErrorAllowed").asDouble(), "float32 default");
        assertTrue(loose.out().contains("against core's gradient"), loose.out());
        CliRun strict = gradcheck("--backend", "opencl", "--max-relative-error", "1e-12", "--min-absolute-error", "0");
        assertEquals(ExitCodes.FAILURE, strict.exitCode(), "float32 cannot meet 1e-12: " + strict.out());
    }

    @Test
    void epsilon_is_refused_where_there_are_no_finite_differences() {
        assumeOpenCl();
        CliRun r = gradcheck("--backend", "opencl", "--epsilon", "0.5");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("--epsilon") && r.err().contains("--backend core"), r.err());
    }

    @Test
    void auto_takes_the_best_backend_for_the_network_as_its_help_says() {
        assumeOpenCl();
        CliRun large = CliRun.of("gradcheck", "--layers", "784,100,10", "--batch", "10", "--hidden", "sigmoid", "--output", "sigmoid",
                "--cost", "cross-entropy", "--backend", "auto", "--json");
        assertEquals(0, large.exitCode(), large.err());
        assertFalse(large.json().get("backend").asText().equals("core"), "auto chose core for 4.8 MFLOP a step while OpenCL is here: " + large.out());

        boolean gpu = OpenClDevices.scan().devices().stream().anyMatch(OpenClDevice::isGpu);
        CliRun small = gradcheck("--backend", "auto", "--json");
        assertEquals(0, small.exitCode(), small.err());
        assertEquals(gpu ? "opencl" : "core", small.json().get("backend").asText(), small.out());
        assertTrue(small.out().contains(gpu ? "a GPU is taken for any network" : "training step at batch 4 is 0.00062 MFLOP, under the 0.01 MFLOP"),
                small.out());
    }
}
