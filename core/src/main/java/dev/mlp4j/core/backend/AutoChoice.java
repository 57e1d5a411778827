package dev.mlp4j.core.backend;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * How "auto" walks the providers: first those that find a GPU, by priority, then every available one by priority.
 * A provider is probed ({@link BackendProvider#availability}) at most once and only when its turn comes; in the
 * GPU pass, only providers that may run on a GPU are probed at all. So on a machine whose best backend is found
 * early, the others are never started: probing can be slow, and some native libraries print warnings as they start.
 */
public final class AutoChoice {
    private final List<BackendProvider> providers;
    private final BackendOptions options;
    private final Map<BackendProvider, BackendProvider.Availability> probed = new LinkedHashMap<>();

    /** @param providers most preferred first, as {@link Backends#providers()} lists them */
    public AutoChoice(List<BackendProvider> providers, BackendOptions options) {
        this.providers = List.copyOf(providers);
        this.options = options;
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
        for (BackendProvider p : providers) {
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
