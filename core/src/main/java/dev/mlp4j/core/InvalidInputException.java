package dev.mlp4j.core;

/**
 * The one exception mlp4j throws for input it cannot use: a malformed file, a network that cannot be built,
 * a training setting out of range. Its message is a sentence that names the problem and the fix, so the CLI
 * can print it as it is.
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
