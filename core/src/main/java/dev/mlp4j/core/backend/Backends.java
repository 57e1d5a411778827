package dev.mlp4j.core.backend;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.nn.NetworkSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The backends on the class path, and the choice among them. "auto" takes the most preferred one that is
 * available here: a GPU first, then a CPU OpenCL device, then the Java reference. Whatever is chosen comes with a
 * sentence saying what runs and why, which the CLI prints on every run.
 */
public final class Backends {
    public static final String AUTO = "auto";

    private Backends() {
    }

    /** Every provider found by ServiceLoader, most preferred first. */
    public static List<BackendProvider> providers() {
        List<BackendProvider> list = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(list::add);
        if (list.stream().noneMatch(p -> p.name().equals(ReferenceProvider.NAME))) {
            list.add(new ReferenceProvider());
        }
        list.sort(Comparator.comparingInt(BackendProvider::priority).reversed());
        return list;
    }

    public static List<String> names() {
        List<String> names = providers().stream().map(BackendProvider::name).collect(Collectors.toList());
        names.add(0, AUTO);
        return names;
    }

    /** A chosen backend with the sentence that tells the user what runs and why. */
    public record Selection(Backend backend, String explanation) {
    }

    /**
     * Creates the named backend ("auto" to choose). A named backend that cannot run here is an error, never a
     * silent fallback.
     */
    public static Selection select(String name, NetworkSpec spec, BackendOptions options) {
        List<BackendProvider> providers = providers();
        if (name == null || name.equals(AUTO)) {
            return selectAuto(providers, spec, options);
        }
        for (BackendProvider p : providers) {
            if (p.name().equals(name)) {
                BackendProvider.Availability a = p.availability(options);
                if (!a.available()) {
                    throw new BackendUnavailableException("Backend '" + name + "' cannot run here: " + a.reason());
                }
                Backend b = p.create(spec, options);
                return new Selection(b, "backend " + name + " on " + b.info().device() + " (as asked)");
            }
        }
        throw new InvalidInputException("Unknown backend '" + name + "'; use one of " + String.join(", ", names()) + ".");
    }

    private static Selection selectAuto(List<BackendProvider> providers, NetworkSpec spec, BackendOptions options) {
        List<String> skipped = new ArrayList<>();
        // Two passes: any GPU, then the rest in order of preference.
        List<BackendProvider.Availability> seen = new ArrayList<>();
        for (BackendProvider p : providers) {
            seen.add(p.availability(options));
        }
        for (boolean gpuPass : new boolean[] {true, false}) {
            for (int i = 0; i < providers.size(); i++) {
                BackendProvider p = providers.get(i);
                BackendProvider.Availability a = seen.get(i);
                if (!a.available()) {
                    if (gpuPass) {
                        skipped.add(p.name() + ": " + a.reason());
                    }
                    continue;
                }
                if (gpuPass && !a.isGpu()) {
                    continue;
                }
                try {
                    Backend b = p.create(spec, options);
                    String why = skipped.isEmpty() ? "" : " (" + String.join("; ", skipped) + ")";
                    return new Selection(b, "backend " + p.name() + " on " + b.info().device() + why);
                } catch (RuntimeException | LinkageError e) {
                    skipped.add(p.name() + " failed to start: " + e.getMessage());
                }
            }
        }
        throw new BackendUnavailableException("No backend could start: " + String.join("; ", skipped));
    }
}
