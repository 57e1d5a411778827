package dev.mlp4j.core.backend;

import dev.mlp4j.core.nn.NetworkSpec;

/**
 * Finds and makes one kind of backend. Implementations are listed in
 * {@code META-INF/services/dev.mlp4j.core.backend.BackendProvider} and found by {@link Backends}, so adding a
 * backend changes no trainer code.
 */
public interface BackendProvider {

    /** The name given to --backend. */
    String name();

    /** Order of preference for "auto": higher first. The Java reference is 0. */
    int priority();

    /**
     * Whether this backend can run here, on which device, and why not if it cannot. Must not throw, even when
     * native libraries are missing: this is where such failures become sentences.
     */
    Availability availability(BackendOptions options);

    /**
     * Whether this backend might run on a GPU here, answered quickly and without starting it. "auto" looks for a
     * GPU first and probes ({@link #availability}) only the providers that answer yes; the others wait until it
     * looks for any backend, and are never started when one before them is taken ({@link AutoChoice}). The
     * default, yes, is always right; no saves starting a backend that cannot be on a GPU.
     */
    default boolean mayRunOnGpu(BackendOptions options) {
        return true;
    }

    /**
     * The work of one call (FLOP, as {@link StepWork} counts it) below which the Java reference runs the call faster
     * than this backend does on a CPU: "auto" takes the reference for smaller steps ({@link AutoChoice}). The
     * default is OpenCL on a CPU's, {@link StepWork#JAVA_FASTER_BELOW}.
     */
    default long javaFasterBelow() {
        return StepWork.JAVA_FASTER_BELOW;
    }

    /** This backend on a CPU, in words, for the line in which "auto" weighs a step against it: "OpenCL on a CPU". */
    default String onCpuInWords() {
        return "OpenCL on a CPU";
    }

    /** A backend for the network; call only when {@link #availability} said it is available. */
    Backend create(NetworkSpec spec, BackendOptions options);

    /**
     * @param available whether {@link #create} can be called
     * @param device    the device that would run, in words (when available)
     * @param reason    why it cannot run, as a clause with the fix and no full stop (when not available)
     * @param isGpu     whether the device is a GPU, which "auto" prefers over any CPU device
     */
    record Availability(boolean available, String device, String reason, boolean isGpu) {
        /** The backend can run, on {@code device}. */
        public static Availability yes(String device, boolean isGpu) {
            return new Availability(true, device, null, isGpu);
        }

        /**
         * The backend cannot run here, for {@code reason}: a clause with the fix and no closing full stop, so that
         * "auto" can list it among others and a sentence can end it ({@link #sentence()}).
         */
        public static Availability no(String reason) {
            return new Availability(false, null, reason, false);
        }

        /** The reason as a sentence of its own: the clause with its full stop; null where the backend can run. */
        public String sentence() {
            return reason == null ? null : reason + ".";
        }
    }
}
