package dev.mlp4j.cli.options;

import dev.mlp4j.cli.CliRun;
import dev.mlp4j.cli.ExitCodes;
import dev.mlp4j.gpu.DeviceScan;
import dev.mlp4j.gpu.OpenClDevices;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** --device: a device that does not exist, or that the backend cannot have, is a usage error, never a silent fallback. */
class DeviceChoiceTest {

    private static CliRun train(String... more) {
        String[] base = {"train", "--example", "circle", "--epochs", "1", "--no-progress"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @Test
    void a_device_for_core_is_a_usage_error_naming_the_devices_there_are() {
        CliRun r = train("--backend", "core", "--device", "5");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("--device 5") && r.err().contains("core") && r.err().contains("OpenCL device"), r.err());
        assertFalse(r.out().contains("epoch 1"), "nothing trains: " + r.out());
    }

    @Test
    void a_device_that_does_not_exist_is_a_usage_error_with_auto_too() {
        DeviceScan scan = OpenClDevices.scan();
        for (String backend : new String[] {"auto", "opencl"}) {
            CliRun r = train("--backend", backend, "--device", "99");
            assertEquals(ExitCodes.USAGE, r.exitCode(), backend + ": " + r.out() + r.err());
            assertTrue(r.err().contains("There is no OpenCL device 99"), r.err());
            assertTrue(r.err().contains(scan.available() ? "0: " + scan.devices().get(0).description() : "no OpenCL device"), r.err());
        }
    }

    @Test
    void minus_one_lets_the_backend_choose_and_below_that_is_a_usage_error() {
        assertEquals(ExitCodes.OK, train("--backend", "core", "--device", "-1").exitCode());
        CliRun r = train("--device", "-2");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains("-1 to let the backend choose"), r.err());
        String help = CliRun.of("train", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("-1 (the default) lets the backend choose"), help);
    }

    @Test
    void auto_with_a_device_runs_on_that_device_not_on_core() {
        DeviceScan scan = OpenClDevices.scan();
        assumeTrue(scan.available(), "no OpenCL device here: " + scan.problem());
        CliRun r = train("--device", "0", "--json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(!r.json().get("backend").asText().equals("core"), r.out());
    }
}
