package dev.mlp4j.core.backend;

/** A backend that was asked for by name cannot run on this machine; the message says why and what to install. */
public class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message why the backend cannot run and what to install, as one sentence */
    public BackendUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message why the backend cannot run and what to install, as one sentence
     * @param cause   the failure that showed it, for {@code --verbose}
     */
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
