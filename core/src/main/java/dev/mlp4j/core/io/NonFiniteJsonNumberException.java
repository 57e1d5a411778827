package dev.mlp4j.core.io;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;

/**
 * JSON text with NaN or Infinity where a number belongs, as Python's {@code json.dump} and JavaScript's hand-built
 * strings write them. A reader of files that hand-written networks produce can then say what such a value means.
 */
public final class NonFiniteJsonNumberException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    NonFiniteJsonNumberException(String place, Problem problem) {
        super(place, problem, null, null);
    }
}
