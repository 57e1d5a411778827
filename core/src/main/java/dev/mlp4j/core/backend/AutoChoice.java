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
 * except that in that second pass the Java reference comes before each backend whose
 * {@link BackendProvider#javaFasterBelow()} the step is under: a backend on the CPU pays a fixed cost per call (OpenCL
 * on a CPU about 60 µs, the cpu backend a few µs) that a small network never earns back, and computes in float32. A GPU
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

    /**
     * The order of the pass over every backend: by preference, but the Java reference before every backend that the
     * step is too small for ({@link #javaFaster}).
     */
    private List<BackendProvider> anyDeviceOrder() {
        int reference = providers.indexOf(providers.stream().filter(AutoChoice::isReference).findFirst().orElse(null));
        List<BackendProvider> order = new ArrayList<>(providers);
        // A stable sort: those preferred over the reference and not too slow for the step, then the reference and
        // those after it, then those the step is too small for, each group in the order of preference.
        order.sort(Comparator.comparingInt(p -> isReference(p) ? 1 : javaFaster(p) ? 2 : providers.indexOf(p) < reference ? 0 : 1));
        return order;
    }

    private boolean javaFaster(BackendProvider p) {
        return work.flops() < p.javaFasterBelow();
    }

    private static boolean isReference(BackendProvider p) {
        return p.name().equals(ReferenceProvider.NAME);
    }

    /**
     * Where the step's size decided between the Java reference and a backend on the CPU, or would have but for a GPU:
     * a clause saying so, for the line that tells the user what runs; otherwise "".
     *
     * @param chosen the provider {@link #first} settled on, and its availability
     */
    public String sizeReason(BackendProvider chosen, BackendProvider.Availability availability) {
        String size = "this network's " + work.what() + " is " + StepWork.mflop(work.flops());
        if (availability.isGpu()) {
            return work.small() ? "a GPU is taken for any network, though " + size : "";
        }
        if (isReference(chosen)) {
            // The most preferred backend passed over for the step's size, unless it is known not to run here; a
            // backend that cannot run on a GPU was not started to be passed over.
            for (BackendProvider p : providers.subList(0, providers.indexOf(chosen))) {
                BackendProvider.Availability a = probed.get(p);
                if (javaFaster(p) && (a != null ? a.available() : !p.mayRunOnGpu(options))) {
                    return size + ", under the " + bound(p);
                }
            }
            return "";
        }
        return !javaFaster(chosen) && options.device() < 0 ? size + ", over the " + bound(chosen) : "";
    }

    private static String bound(BackendProvider p) {
        return StepWork.mflop(p.javaFasterBelow()) + " from which " + p.onCpuInWords() + " outruns Java";
    }

    /** "name: reason" for each provider probed so far that cannot run here, in the order they were probed. */
    public List<String> unavailable() {
        List<String> reasons = new ArrayList<>();
        probed.forEach((p, a) -> {
            if (!a.available()) {
                reasons.add(p.name() + ": " + a.reason());
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
