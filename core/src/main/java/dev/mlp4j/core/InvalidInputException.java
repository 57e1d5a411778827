package dev.mlp4j.core;

/**
 * The one exception mlp4j throws for input it cannot use: a malformed file, a network that cannot be built,
 * a training setting out of range. Its message is a sentence that names the problem and the fix, so the CLI
 * can print it as it is. The CLI being its main reader, a fix that is a setting names the command-line option
 * ("try --lr 0.5"); from Java that is the builder setting of the same meaning ({@code setLearningRate(0.5)}).
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
