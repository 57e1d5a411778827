package dev.mlp4j.core.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * How "auto" walks the providers: first those that find a GPU, by priority, then every available one by priority,
 * except that a small step ({@link StepWork#small()}) puts the Java reference first in that second pass: an OpenCL
 * device on the CPU pays a fixed cost per call that a small network never earns back, and computes in float32. A GPU
 * is taken for any network: no measurement here says where a GPU loses, and whoever has one expects it used.
 * A provider is probed ({@link BackendProvider#availability}) at most once and only when its turn comes; in the
 * GPU pass, only providers that may run on a GPU are probed at all. So on a machine whose best backend is found
 * early, the others are never started: probing can be slow, and some native libraries print warnings as they start.
 */
public final class AutoChoice {
    private final List<BackendProvider> providers;
    private final BackendOptions options;
    private final StepWork work;
    private final Map<BackendProvider, BackendProvider.Availability> probed = new LinkedHashMap<>();

    /**
     * @param providers most preferred first, as {@link Backends#providers()} lists them
     * @param work      what one call into the chosen backend will compute
     */
    public AutoChoice(List<BackendProvider> providers, BackendOptions options, StepWork work) {
        this.providers = List.copyOf(providers);
        this.options = options;
        this.work = work;
    }

    /**
     * Offers each available provider to {@code attempt} in auto's order until it returns a result, and returns that
     * (null when none did). A provider that failed in the GPU pass is not offered again.
     */
    public <T> T first(BiFunction<BackendProvider, BackendProvider.Availability, T> attempt) {
        Set<BackendProvider> offered = new HashSet<>();
        for (BackendProvider p : providers) {
            if (p.mayRunOnGpu(options)) {
                BackendProvider.Availability a = probe(p);
                if (a.available() && a.isGpu()) {
                    offered.add(p);
                    T result = attempt.apply(p, a);
                    if (result != null) {
                        return result;
                    }
                }
            }
        }
        for (BackendProvider p : anyDeviceOrder()) {
            if (!offered.contains(p)) {
                BackendProvider.Availability a = probe(p);
                if (a.available()) {
                    T result = attempt.apply(p, a);
                    if (result != null) {
                        return result;
                    }
                }
            }
        }
        return null;
    }

    /** The order of the pass over every backend: by preference, but the Java reference first for a small step. */
    private List<BackendProvider> anyDeviceOrder() {
        if (!work.small()) {
            return providers;
        }
        List<BackendProvider> order = new ArrayList<>(providers);
        order.sort(Comparator.comparing(p -> !isReference(p)));
        return order;
    }

    private static boolean isReference(BackendProvider p) {
        return p.name().equals(ReferenceProvider.NAME);
    }

    /**
     * Where the step's size decided between the Java reference and an OpenCL device, or would have but for a GPU: a
     * clause saying so, for the line that tells the user what runs; otherwise "".
     *
     * @param chosen the provider {@link #first} settled on, and its availability
     */
    public String sizeReason(BackendProvider chosen, BackendProvider.Availability availability) {
        String size = "this network's " + work.what() + " is " + StepWork.mflop(work.flops());
        String bound = StepWork.mflop(StepWork.JAVA_FASTER_BELOW) + " from which OpenCL on a CPU outruns Java";
        if (availability.isGpu()) {
            return work.small() ? "a GPU is taken for any network, though " + size : "";
        }
        if (isReference(chosen)) {
            boolean deviceBackendPassedOver = probed.entrySet().stream().anyMatch(e -> e.getKey() != chosen && e.getValue().available());
            return work.small() && deviceBackendPassedOver ? size + ", under the " + bound : "";
        }
        return !work.small() && options.device() < 0 ? size + ", over the " + bound : "";
    }

    /** "name: reason" for each provider probed so far that cannot run here, in the order they were probed. */
    public List<String> unavailable() {
        List<String> reasons = new ArrayList<>();
        probed.forEach((p, a) -> {
            if (!a.available()) {
                reasons.add(p.name() + ": " + Backends.clause(a.reason()));
            }
        });
        return reasons;
    }

    /** The providers probed so far, in the order they were probed. */
    public List<BackendProvider> probed() {
        return List.copyOf(probed.keySet());
    }

    private BackendProvider.Availability probe(BackendProvider p) {
        return probed.computeIfAbsent(p, q -> q.availability(options));
    }
}
