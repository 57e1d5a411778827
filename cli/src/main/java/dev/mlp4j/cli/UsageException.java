package dev.mlp4j.cli;

/** The user asked for something that cannot be done as asked; exits with 2 and the message. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
