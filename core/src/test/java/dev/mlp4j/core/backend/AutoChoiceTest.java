package dev.mlp4j.core.backend;

import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order in which "auto" offers providers, which providers it never needs to start, and how it weighs the network. */
class AutoChoiceTest {
    /** A step at the size from which OpenCL on a CPU outruns Java: the order of preference applies unchanged. */
    private static final StepWork LARGE = new StepWork(StepWork.JAVA_FASTER_BELOW, "step");
    /** --example identity's network and batch: 116 parameters, 0.007 MFLOP a step. */
    private static final StepWork IDENTITY = StepWork.training(NetworkSpec.of(Activation.LINEAR, Activation.LINEAR, Cost.QUADRATIC, 2, 6, 6, 6, 2), 10);
    /** Nielsen's chapter 3 network at batch 10: 4.8 MFLOP a step. */
    private static final StepWork MNIST = StepWork.training(NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 784, 100, 10), 10);

    /** A provider that counts how often it was probed. */
    private static class FakeProvider implements BackendProvider {
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
            return new ReferenceBackend(spec);
        }
    }

    /** A backend on the CPU that outruns Java from 0.01 MFLOP a step, as the cpu module's does. */
    private static FakeProvider blas() {
        return new FakeProvider("blas", BackendProvider.Availability.yes("blas-cpu", false), false) {
            @Override
            public long javaFasterBelow() {
                return 10_000;
            }

            @Override
            public String onCpuInWords() {
                return "BLAS on a CPU";
            }
        };
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
                offers(new AutoChoice(List.of(opencl, core, aparapi), BackendOptions.DEFAULT, LARGE)));
        assertEquals(1, aparapi.probes, "probed once, though looked at in both passes");
    }

    @Test
    void providers_after_the_chosen_one_are_never_started() {
        FakeProvider opencl = cpu("opencl", true);
        FakeProvider core = cpu("core", false);
        FakeProvider aparapi = cpu("aparapi", false);
        AutoChoice auto = new AutoChoice(List.of(opencl, core, aparapi), BackendOptions.DEFAULT, LARGE);
        assertEquals("opencl on opencl-cpu", auto.first((p, a) -> p.name() + " on " + a.device()));
        assertEquals(List.of(opencl), auto.probed());
        assertEquals(0, aparapi.probes);
        assertEquals(0, core.probes);
    }

    @Test
    void on_a_gpu_machine_the_preferred_gpu_backend_is_taken_without_starting_the_rest() {
        FakeProvider opencl = gpu("opencl");
        FakeProvider aparapi = gpu("aparapi");
        AutoChoice auto = new AutoChoice(List.of(opencl, cpu("core", false), aparapi), BackendOptions.DEFAULT, LARGE);
        assertEquals("opencl", auto.first((p, a) -> p.name()));
        assertEquals(0, aparapi.probes);
    }

    @Test
    void a_backend_that_fails_falls_back_to_the_next_and_reasons_name_those_that_cannot_run() {
        FakeProvider opencl = new FakeProvider("opencl", BackendProvider.Availability.no("libOpenCL is missing"), true);
        FakeProvider aparapi = new FakeProvider("aparapi", BackendProvider.Availability.no("no OpenCL platform"), true);
        FakeProvider core = cpu("core", false);
        AutoChoice auto = new AutoChoice(List.of(opencl, core, aparapi), BackendOptions.DEFAULT, LARGE);
        assertEquals(List.of("core"), offers(auto));
        assertEquals(List.of("opencl: libOpenCL is missing", "aparapi: no OpenCL platform"), auto.unavailable());

        FakeProvider failing = gpu("failing-gpu");
        AutoChoice withFailure = new AutoChoice(List.of(failing, cpu("core", false)), BackendOptions.DEFAULT, LARGE);
        assertEquals("core", withFailure.first((p, a) -> p == failing ? null : p.name()));
    }

    /** What auto settles on, by name, and the clause its line gives for the choice. */
    private static String choose(AutoChoice auto) {
        return auto.first((p, a) -> p.name() + " | " + auto.sizeReason(p, a));
    }

    @Test
    void with_only_a_cpu_opencl_device_a_small_network_runs_on_core_and_the_line_says_why() {
        FakeProvider opencl = cpu("opencl", true);
        FakeProvider core = cpu("core", false);
        FakeProvider aparapi = cpu("aparapi", false);
        AutoChoice auto = new AutoChoice(List.of(opencl, core, aparapi), BackendOptions.DEFAULT, IDENTITY);
        assertEquals("core | this network's training step at batch 10 is 0.007 MFLOP, under the 0.25 MFLOP from which OpenCL on a CPU outruns Java",
                choose(auto));
        assertEquals(0, aparapi.probes, "Aparapi is not started to be passed over");
        assertTrue(IDENTITY.small() && !MNIST.small());
    }

    @Test
    void the_line_auto_prints_gives_the_size_before_the_backends_that_cannot_run() {
        NetworkSpec identity = NetworkSpec.of(Activation.LINEAR, Activation.LINEAR, Cost.QUADRATIC, 2, 6, 6, 6, 2);
        FakeProvider aparapi = new FakeProvider("aparapi", BackendProvider.Availability.no("Aparapi found no device"), true);
        Backends.Selection s = Backends.selectAuto(List.of(cpu("opencl", true), cpu("core", false), aparapi), identity,
                BackendOptions.DEFAULT, IDENTITY);
        try (Backend b = s.backend()) {
            assertEquals("backend core on " + b.info().device() + " (this network's training step at batch 10 is 0.007 MFLOP, "
                    + "under the 0.25 MFLOP from which OpenCL on a CPU outruns Java; aparapi: Aparapi found no device)", s.explanation());
        }
    }

    @Test
    void with_only_a_cpu_opencl_device_a_large_network_runs_on_opencl_and_the_line_says_why() {
        FakeProvider core = cpu("core", false);
        AutoChoice auto = new AutoChoice(List.of(cpu("opencl", true), core, cpu("aparapi", false)), BackendOptions.DEFAULT, MNIST);
        assertEquals("opencl | this network's training step at batch 10 is 4.8 MFLOP, over the 0.25 MFLOP from which OpenCL on a CPU outruns Java",
                choose(auto));
        assertEquals(0, core.probes);
    }

    @Test
    void a_gpu_is_taken_even_for_a_small_network_and_the_line_says_so() {
        AutoChoice small = new AutoChoice(List.of(gpu("opencl"), cpu("core", false)), BackendOptions.DEFAULT, IDENTITY);
        assertEquals("opencl | a GPU is taken for any network, though this network's training step at batch 10 is 0.007 MFLOP", choose(small));
        AutoChoice large = new AutoChoice(List.of(gpu("opencl"), cpu("core", false)), BackendOptions.DEFAULT, MNIST);
        assertEquals("opencl | ", choose(large), "a GPU for a large network needs no word");
    }

    @Test
    void where_only_core_can_run_or_core_cannot_the_size_is_not_given_as_the_reason() {
        FakeProvider noOpenCl = new FakeProvider("opencl", BackendProvider.Availability.no("libOpenCL is missing"), true);
        assertEquals("core | ", choose(new AutoChoice(List.of(noOpenCl, cpu("core", false)), BackendOptions.DEFAULT, IDENTITY)));
        assertEquals("core | ", choose(new AutoChoice(List.of(noOpenCl, cpu("core", false)), BackendOptions.DEFAULT, MNIST)));
        // With --device N core cannot run: the small network goes to the device named, and core's own reason says why.
        FakeProvider noCore = new FakeProvider("core", BackendProvider.Availability.no("it runs in Java, on no OpenCL device"), false);
        AutoChoice onDevice = new AutoChoice(List.of(cpu("opencl", true), noCore), new BackendOptions(0), IDENTITY);
        assertEquals("opencl | ", choose(onDevice));
        assertEquals(List.of("core: it runs in Java, on no OpenCL device"), onDevice.unavailable());
    }

    @Test
    void each_cpu_backend_is_weighed_against_java_by_its_own_bound() {
        // 0.007, 0.048 and 4.8 MFLOP a step: under both bounds, between them, over both.
        StepWork between = StepWork.training(NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 784, 1, 10), 10);
        FakeProvider blas = blas();
        FakeProvider aparapi = cpu("aparapi", false);
        List<BackendProvider> providers = List.of(blas, cpu("opencl", true), cpu("core", false), aparapi);
        assertEquals(List.of("blas", "opencl", "core", "aparapi"), offers(new AutoChoice(providers, BackendOptions.DEFAULT, MNIST)));
        assertEquals(List.of("blas", "core", "opencl", "aparapi"), offers(new AutoChoice(providers, BackendOptions.DEFAULT, between)));
        assertEquals(List.of("core", "blas", "opencl", "aparapi"), offers(new AutoChoice(providers, BackendOptions.DEFAULT, IDENTITY)));

        assertEquals("blas | this network's training step at batch 10 is 4.8 MFLOP, over the 0.01 MFLOP from which BLAS on a CPU outruns Java",
                choose(new AutoChoice(providers, BackendOptions.DEFAULT, MNIST)));
        assertEquals("blas | this network's training step at batch 10 is 0.048 MFLOP, over the 0.01 MFLOP from which BLAS on a CPU outruns Java",
                choose(new AutoChoice(providers, BackendOptions.DEFAULT, between)));
        FakeProvider unstarted = blas();
        AutoChoice small = new AutoChoice(List.of(unstarted, cpu("opencl", true), cpu("core", false), aparapi), BackendOptions.DEFAULT, IDENTITY);
        assertEquals("core | this network's training step at batch 10 is 0.007 MFLOP, under the 0.01 MFLOP from which BLAS on a CPU outruns Java",
                choose(small));
        assertEquals(0, unstarted.probes, "not started to be passed over");
    }

    @Test
    void the_work_of_a_step_is_counted_as_the_benchmarks_count_it() {
        NetworkSpec circle = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 5, 1);
        assertEquals(6 * 51 * 10, StepWork.training(circle, 10).flops(), "2-5-5-1 has 51 parameters");
        assertEquals(2 * 51 * 1000, StepWork.forward(circle, 1000).flops());
        assertEquals(6L * 79_510 * 10, MNIST.flops());
        assertEquals("0.0031 MFLOP", StepWork.mflop(StepWork.training(circle, 10).flops()));
        assertEquals("57 MFLOP", StepWork.mflop(57_240_000));
    }
}
