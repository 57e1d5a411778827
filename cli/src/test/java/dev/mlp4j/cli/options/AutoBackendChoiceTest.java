package dev.mlp4j.cli.options;

import dev.mlp4j.cli.CliRun;
import dev.mlp4j.gpu.DeviceScan;
import dev.mlp4j.gpu.OpenClDevice;
import dev.mlp4j.gpu.OpenClDevices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * "auto" weighs the network: where the only OpenCL device is a CPU, the examples' small networks train on core,
 * in float64 (README's identity figure is core's), and the line that names the backend says why.
 */
class AutoBackendChoiceTest {

    private static void assumeOnlyCpuOpenCl() {
        DeviceScan scan = OpenClDevices.scan();
        assumeTrue(scan.available(), "no OpenCL device here, so auto has nothing to weigh against core: " + scan.problem());
        assumeTrue(scan.devices().stream().noneMatch(OpenClDevice::isGpu), "an OpenCL GPU is here, and auto takes it for any network");
    }

    @Test
    void the_identity_example_trains_on_core_and_says_why() {
        assumeOnlyCpuOpenCl();
        CliRun r = CliRun.of("train", "--example", "identity", "--epochs", "1", "--no-progress", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("core", r.json().get("backend").asText(), r.out());
        assertTrue(r.out().contains("backend core on Java (reference, float64) (this network's training step at batch 10 is 0.007 MFLOP, "
                + "under the 0.01 MFLOP from which the cpu backend (OpenBLAS) outruns Java)"), r.out());
    }

    @Test
    void eval_weighs_its_forward_passes(@TempDir Path dir) {
        assumeOnlyCpuOpenCl();
        Path model = dir.resolve("identity.json");
        assertEquals(0, CliRun.of("train", "--example", "identity", "--epochs", "1", "--no-progress", "--save", model.toString()).exitCode());
        CliRun r = CliRun.of("eval", "--model", model.toString(), "--example", "identity", "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("backend cpu on OpenBLAS ") && r.out().contains("(this network's forward pass over 1000 examples is 0.23 MFLOP, "
                + "over the 0.01 MFLOP from which the cpu backend (OpenBLAS) outruns Java)"), r.out());
    }

    @Test
    void a_large_network_runs_on_cpu_and_says_why() {
        assumeOnlyCpuOpenCl();
        CliRun r = CliRun.of("gradcheck", "--layers", "784,100,10", "--batch", "10", "--hidden", "sigmoid", "--output", "sigmoid",
                "--cost", "cross-entropy", "--backend", "auto");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("backend cpu on OpenBLAS ") && r.out().contains("training step at batch 10 is 4.8 MFLOP, over the 0.01 MFLOP"),
                r.out());
    }

    @Test
    void devices_names_both_choices() {
        assumeOnlyCpuOpenCl();
        CliRun r = CliRun.of("devices", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.json().get("auto").asText().startsWith("cpu on OpenBLAS "), r.out());
        assertTrue(r.json().get("autoForSmallSteps").asText().startsWith("core on Java"), r.out());
        assertTrue(r.out().contains("; for a step under 0.01 MFLOP (the examples' networks): core on Java (reference, float64)"), r.out());
    }
}
