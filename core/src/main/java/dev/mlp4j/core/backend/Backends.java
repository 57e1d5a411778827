package dev.mlp4j.core.backend;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.nn.NetworkSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The backends on the class path, and the choice among them. "auto" takes the most preferred one that is
 * available here: a GPU first, then a CPU OpenCL device, then the Java reference; but for a small step
 * ({@link StepWork#small()}) the Java reference before a CPU OpenCL device ({@link AutoChoice}). Whatever is chosen
 * comes with a sentence saying what runs and why, which the CLI prints on every run.
 */
public final class Backends {
    /** The name that asks for the best backend available here rather than a particular one. */
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

    /** @return {@value #AUTO} and every provider's name, most preferred first: what {@code --backend} accepts */
    public static List<String> names() {
        List<String> names = providers().stream().map(BackendProvider::name).collect(Collectors.toList());
        names.add(0, AUTO);
        return names;
    }

    /** A chosen backend with the sentence that tells the user what runs and why. */
    public record Selection(Backend backend, String explanation) {
    }

    /**
     * Creates the named backend ("auto" to choose, weighing a training step of one example: give the batch size
     * through {@link #select(String, NetworkSpec, BackendOptions, StepWork)} for the choice a training run wants).
     * A named backend that cannot run here is an error, never a silent fallback.
     */
    public static Selection select(String name, NetworkSpec spec, BackendOptions options) {
        return select(name, spec, options, spec == null ? null : StepWork.training(spec, 1));
    }

    /**
     * Creates the named backend ("auto" to choose, weighing {@code work}, what one call into it computes, e.g.
     * {@code StepWork.training(spec, batchSize)}). A named backend that cannot run here is an error, never a silent
     * fallback.
     */
    public static Selection select(String name, NetworkSpec spec, BackendOptions options, StepWork work) {
        if (spec == null || options == null || work == null) {
            throw new InvalidInputException((spec == null ? "The NetworkSpec is" : options == null ? "The backend options are" : "The step's work is")
                    + " null; give the network to open the backend for, options (BackendOptions.DEFAULT for the usual ones)"
                    + " and the work of a step (StepWork.training(spec, batchSize)).");
        }
        List<BackendProvider> providers = providers();
        if (name == null || name.equals(AUTO)) {
            return selectAuto(providers, spec, options, work);
        }
        for (BackendProvider p : providers) {
            if (p.name().equals(name)) {
                BackendProvider.Availability a = p.availability(options);
                if (!a.available()) {
                    throw new BackendUnavailableException("Backend '" + name + "' cannot run here: " + a.sentence());
                }
                Backend b = p.create(spec, options);
                return new Selection(b, "backend " + name + " on " + b.info().device() + " (--backend " + name + ")");
            }
        }
        throw new InvalidInputException("Unknown backend '" + name + "'; use one of " + String.join(", ", names()) + ".");
    }

    /** "auto" among {@code providers}, most preferred first. */
    static Selection selectAuto(List<BackendProvider> providers, NetworkSpec spec, BackendOptions options, StepWork work) {
        AutoChoice auto = new AutoChoice(providers, options, work);
        List<String> failed = new ArrayList<>();
        Selection chosen = auto.first((p, a) -> {
            try {
                Backend b = p.create(spec, options);
                String why = String.join("; ", nonEmpty(auto.sizeReason(p, a), passedOver(auto, failed)));
                return new Selection(b, "backend " + p.name() + " on " + b.info().device() + (why.isEmpty() ? "" : " (" + why + ")"));
            } catch (RuntimeException | LinkageError e) {
                // The failure's own sentence, as it was said: its words are the backend's, not a clause to be cut.
                failed.add(p.name() + " failed to start (" + e.getMessage() + ")");
                return null;
            }
        });
        if (chosen == null) {
            throw new BackendUnavailableException("No backend could start: " + passedOver(auto, failed) + ".");
        }
        return chosen;
    }

    /** Why "auto" did not take the others it looked at: those that cannot run here, then those that failed to start. */
    private static String passedOver(AutoChoice auto, List<String> failed) {
        List<String> reasons = new ArrayList<>(auto.unavailable());
        reasons.addAll(failed);
        return String.join("; ", reasons);
    }

    private static List<String> nonEmpty(String... clauses) {
        return Arrays.stream(clauses).filter(c -> !c.isEmpty()).toList();
    }
}
