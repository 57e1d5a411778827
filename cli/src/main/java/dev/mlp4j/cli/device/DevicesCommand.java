package dev.mlp4j.cli.device;

import dev.mlp4j.cli.ExitCodes;
import dev.mlp4j.cli.JsonOutput;
import dev.mlp4j.cli.options.CommonOptions;
import dev.mlp4j.core.backend.AutoChoice;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendProvider;
import dev.mlp4j.core.backend.Backends;
import dev.mlp4j.core.backend.StepWork;
import dev.mlp4j.gpu.DeviceScan;
import dev.mlp4j.gpu.OpenClDevice;
import dev.mlp4j.gpu.OpenClDevices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List OpenCL platforms and devices, the backends that can run here, and what 'auto' would choose.")
public final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DeviceScan scan = OpenClDevices.scan();
        List<Map<String, Object>> devices = new ArrayList<>();
        if (!scan.available()) {
            out.println("OpenCL: " + scan.problem() + ".");
        } else {
            out.printf("%-3s %-28s %-6s %-44s %5s %10s %-5s %s%n", "#", "platform", "type", "device", "units", "memory", "fp64", "driver");
            for (OpenClDevice d : scan.devices()) {
                out.printf("%-3d %-28s %-6s %-44s %5d %7.1f GiB %-5s %s%s%n", d.index(), truncate(d.platform(), 28), d.type(),
                        truncate(d.name(), 44), d.computeUnits(), d.globalMemoryBytes() / (double) (1L << 30), d.fp64() ? "yes" : "no",
                        d.driverVersion(), d.index() == scan.autoIndex() ? "   <- auto" : "");
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("index", d.index());
                m.put("platform", d.platform());
                m.put("name", d.name());
                m.put("type", d.type().name());
                m.put("computeUnits", d.computeUnits());
                m.put("globalMemoryBytes", d.globalMemoryBytes());
                m.put("fp64", d.fp64());
                m.put("driver", d.driverVersion());
                m.put("openclVersion", d.openClVersion());
                devices.add(m);
            }
            OpenClDevices.skippedPlatforms().forEach(skipped -> out.println(skipped + "; its devices are not listed."));
        }
        out.println();
        out.println("backends:");
        List<Map<String, Object>> backends = new ArrayList<>();
        for (BackendProvider p : Backends.providers()) {
            BackendProvider.Availability a = p.availability(BackendOptions.DEFAULT);
            out.printf("  %-8s %s%n", p.name(), a.available() ? "available on " + a.device() : "not available: " + a.sentence());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("available", a.available());
            m.put("device", a.device());
            m.put("reason", a.sentence());
            backends.add(m);
        }
        String auto = autoChoice(new StepWork(StepWork.JAVA_FASTER_BELOW, "step"));
        String autoSmall = autoChoice(new StepWork(0, "step"));
        // The bound is the large choice's own: under it the Java reference outruns that backend.
        Long bound = new AutoChoice(Backends.providers(), BackendOptions.DEFAULT, new StepWork(StepWork.JAVA_FASTER_BELOW, "step"))
                .first((p, a) -> p.javaFasterBelow());
        out.println("auto would choose: " + auto + (autoSmall.equals(auto) ? ""
                : "; for a step under " + StepWork.mflop(bound == null ? StepWork.JAVA_FASTER_BELOW : bound) + " (the examples' networks): " + autoSmall));
        if (common.json) {
            Map<String, Object> json = JsonOutput.object("devices");
            json.put("opencl", scan.available());
            json.put("problem", scan.problem() == null ? null : scan.problem() + ".");
            json.put("devices", devices);
            json.put("skippedPlatforms", OpenClDevices.skippedPlatforms());
            json.put("autoDevice", scan.available() ? scan.autoIndex() : null);
            json.put("backends", backends);
            json.put("auto", auto);
            json.put("autoForSmallSteps", autoSmall);
            JsonOutput.print(out, json);
        }
        return ExitCodes.OK;
    }

    /** What --backend auto picks for a step of this much work, by the rule {@link Backends#select} uses, without creating it. */
    private static String autoChoice(StepWork work) {
        String choice = new AutoChoice(Backends.providers(), BackendOptions.DEFAULT, work).first((p, a) -> p.name() + " on " + a.device());
        return choice == null ? "none" : choice;
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
