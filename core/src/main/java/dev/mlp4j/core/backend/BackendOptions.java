package dev.mlp4j.core.backend;

/**
 * Choices the user makes about a backend beyond its name.
 *
 * @param device index of the device to use, as listed by {@code mlp4j devices}, or -1 to let the backend choose
 */
public record BackendOptions(int device) {
    /** The backend chooses its device. */
    public static final BackendOptions DEFAULT = new BackendOptions(-1);
}
