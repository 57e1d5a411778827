package dev.mlp4j.gpu;

import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendProvider;
import dev.mlp4j.core.backend.Backends;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;

/** Run by {@link NoOpenClTest} in a JVM without OpenCL drivers: prints what each provider and "auto" say. */
public final class NoOpenClReport {
    private NoOpenClReport() {
    }

    public static void main(String[] args) {
        System.out.println("scan: " + OpenClDevices.scan().problem());
        for (BackendProvider p : Backends.providers()) {
            BackendProvider.Availability a = p.availability(BackendOptions.DEFAULT);
            System.out.println(p.name() + ": " + (a.available() ? "available on " + a.device() : "not available: " + a.sentence()));
        }
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 3, 2);
        Backends.Selection s = Backends.select("auto", spec, BackendOptions.DEFAULT);
        System.out.println("auto: " + s.explanation());
        s.backend().close();
    }
}
