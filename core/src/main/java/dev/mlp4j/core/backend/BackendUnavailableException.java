package dev.mlp4j.core.backend;

/** A backend that was asked for by name cannot run on this machine; the message says why and what to install. */
public class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
