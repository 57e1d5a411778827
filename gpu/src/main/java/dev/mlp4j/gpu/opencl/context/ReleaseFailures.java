package dev.mlp4j.gpu.opencl.context;

/**
 * The failures of a close's releases, collected so that one failed release does not stop the others: after a
 * kernel fault NVIDIA's driver fails every call on the context, and each release that is skipped leaks device memory.
 */
final class ReleaseFailures {
    private RuntimeException first;

    /** Runs the release, keeping what it throws: the first failure, with the later ones suppressed in it. */
    void attempt(Runnable release) {
        try {
            release.run();
        } catch (RuntimeException e) {
            if (first == null) {
                first = e;
            } else {
                first.addSuppressed(e);
            }
        }
    }

    /** The first failure, the others suppressed in it; null when every release succeeded. */
    RuntimeException first() {
        return first;
    }
}
