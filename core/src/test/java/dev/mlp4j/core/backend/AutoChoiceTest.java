package dev.mlp4j.core.backend;

import dev.mlp4j.core.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The order in which "auto" offers providers, and which providers it never needs to start. */
class AutoChoiceTest {

    /** A provider that counts how often it was probed. */
    private static final class FakeProvider implements BackendProvider {
        final String name;
        final Availability availability;
        final boolean mayRunOnGpu;
        int probes;

        FakeProvider(String name, Availability availability, boolean mayRunOnGpu) {
            this.name = name;
            this.availability = availability;
            this.mayRunOnGpu = mayRunOnGpu;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return 0; // AutoChoice takes the list's order as the order of preference
        }

        @Override
        public Availability availability(BackendOptions options) {
            probes++;
            return availability;
        }

        @Override
        public boolean mayRunOnGpu(BackendOptions options) {
            return mayRunOnGpu;
        }

        @Override
        public Backend create(NetworkSpec spec, BackendOptions options) {
            throw new UnsupportedOperationException();
        }
    }

    private static FakeProvider gpu(String name) {
        return new FakeProvider(name, BackendProvider.Availability.yes(name + "-gpu", true), true);
    }

    private static FakeProvider cpu(String name, boolean mayRunOnGpu) {
        return new FakeProvider(name, BackendProvider.Availability.yes(name + "-cpu", false), mayRunOnGpu);
    }

    /** Every provider auto offers, in order, when each offer is declined. */
    private static List<String> offers(AutoChoice auto) {
        List<String> offered = new ArrayList<>();
        assertNull(auto.first((p, a) -> {
            offered.add(p.name());
            return null;
        }));
        return offered;
    }

    @Test
    void a_gpu_is_offered_before_any_cpu_backend_whatever_the_preference() {
        FakeProvider opencl = cpu("opencl", true);
        FakeProvider core = cpu("core", false);
        FakeProvider aparapi = gpu("aparapi");
        assertEquals(List.of("aparapi", "opencl", "core"),
                offers(new AutoChoice(List.of(opencl, core, aparapi), BackendOptions.DEFAULT)));
        assertEquals(1, aparapi.probes, "probed once, though looked at in both passes");
    }

    @Test
    void providers_after_the_chosen_one_are_never_started() {
        FakeProvider opencl = cpu("opencl", true);
        FakeProvider core = cpu("core", false);
        FakeProvider aparapi = cpu("aparapi", false);
        AutoChoice auto = new AutoChoice(List.of(opencl, core, aparapi), BackendOptions.DEFAULT);
        assertEquals("opencl on opencl-cpu", auto.first((p, a) -> p.name() + " on " + a.device()));
        assertEquals(List.of(opencl), auto.probed());
        assertEquals(0, aparapi.probes);
        assertEquals(0, core.probes);
    }

    @Test
    void on_a_gpu_machine_the_preferred_gpu_backend_is_taken_without_starting_the_rest() {
        FakeProvider opencl = gpu("opencl");
        FakeProvider aparapi = gpu("aparapi");
        AutoChoice auto = new AutoChoice(List.of(opencl, cpu("core", false), aparapi), BackendOptions.DEFAULT);
        assertEquals("opencl", auto.first((p, a) -> p.name()));
        assertEquals(0, aparapi.probes);
    }

    @Test
    void a_backend_that_fails_falls_back_to_the_next_and_reasons_name_those_that_cannot_run() {
        FakeProvider opencl = new FakeProvider("opencl", BackendProvider.Availability.no("libOpenCL is missing."), true);
        FakeProvider aparapi = new FakeProvider("aparapi", BackendProvider.Availability.no("no OpenCL platform."), true);
        FakeProvider core = cpu("core", false);
        AutoChoice auto = new AutoChoice(List.of(opencl, core, aparapi), BackendOptions.DEFAULT);
        assertEquals(List.of("core"), offers(auto));
        assertEquals(List.of("opencl: libOpenCL is missing", "aparapi: no OpenCL platform"), auto.unavailable());

        FakeProvider failing = gpu("failing-gpu");
        AutoChoice withFailure = new AutoChoice(List.of(failing, cpu("core", false)), BackendOptions.DEFAULT);
        assertEquals("core", withFailure.first((p, a) -> p == failing ? null : p.name()));
    }
}
