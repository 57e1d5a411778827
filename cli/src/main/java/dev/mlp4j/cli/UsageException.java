package dev.mlp4j.cli;

/** The user asked for something that cannot be done as asked; exits with 2 and the message. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
