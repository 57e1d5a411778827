package dev.mlp4j.cli.options;

import dev.mlp4j.cli.UsageException;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.Backends;
import dev.mlp4j.core.backend.ReferenceProvider;
import dev.mlp4j.core.backend.StepWork;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.gpu.DeviceScan;
import dev.mlp4j.gpu.OpenClDevice;
import dev.mlp4j.gpu.OpenClDevices;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** --backend and --device, and the one line that tells the user what runs. */
public final class BackendChoice {
    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto",
            description = "auto (best available: OpenCL GPU, OpenCL CPU, then Java; Java before an OpenCL CPU for a small network), "
                    + "core, opencl or aparapi. Default: ${DEFAULT-VALUE}.")
    public String backend;

    @Option(names = "--device", paramLabel = "N", defaultValue = "-1",
            description = "OpenCL device index as listed by 'mlp4j devices'; -1 (the default) lets the backend choose the best one. "
                    + "With auto, only backends that can run on device N are chosen from; core has no devices.")
    int device;

    /**
     * Said before any data is loaded: a name no provider has, or a device that does not exist or that the backend
     * asked for cannot have, is a usage error.
     */
    public void check() {
        if (!Backends.names().contains(backend)) {
            throw new UsageException("Unknown backend '" + backend + "'; use one of " + String.join(", ", Backends.names()) + ".");
        }
        if (device < -1) {
            throw new UsageException("--device must be a device index from 'mlp4j devices', or -1 to let the backend choose; not " + device + ".");
        }
        if (device < 0) {
            return;
        }
        DeviceScan scan = OpenClDevices.scan();
        if (backend.equals(ReferenceProvider.NAME)) {
            throw new UsageException("--device " + device + " asks for an OpenCL device, but backend core runs in Java and has none; "
                    + "leave --device out, or use --backend opencl or aparapi (" + devicesHere(scan) + ").");
        }
        if (scan.select(device) == null) {
            throw new UsageException("There is no OpenCL device " + device + " (" + devicesHere(scan) + ")"
                    + (scan.devices().isEmpty() ? "; leave --device out." : "; give " + (scan.devices().size() == 1 ? "--device 0" : "one of those indices to --device")
                    + ", or leave it out."));
        }
    }

    /** @param work what one call into the backend computes, which auto weighs */
    public Backends.Selection select(NetworkSpec spec, StepWork work) {
        check();
        return Backends.select(backend, spec, new BackendOptions(device), work);
    }

    /** The devices 'mlp4j devices' lists, in a clause: "the OpenCL devices here are 0: …", or why there are none. */
    static String devicesHere(DeviceScan scan) {
        if (!scan.available() || scan.devices().isEmpty()) {
            String why = scan.problem() == null ? "" : scan.problem();
            return "this machine has no OpenCL device" + (why.isEmpty() ? "" : ": " + Character.toLowerCase(why.charAt(0)) + why.substring(1));
        }
        List<String> list = new ArrayList<>();
        for (OpenClDevice d : scan.devices()) {
            list.add(d.index() + ": " + d.description());
        }
        return list.size() == 1 ? "the only OpenCL device here is " + list.get(0)
                : "the OpenCL devices here are " + String.join("; ", list);
    }
}
