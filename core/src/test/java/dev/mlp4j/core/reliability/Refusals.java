package dev.mlp4j.core.reliability;

import dev.mlp4j.core.InvalidInputException;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What "refused cleanly" means for every reader of user files: the reader either returns, or throws
 * {@link InvalidInputException} whose message is one line that names the file, where in it the problem is, and
 * what to do. Anything else (another exception type, an Error, a hang) fails the test with the case that caused it.
 */
final class Refusals {
    /** One case may take this long; the readers need milliseconds for the few KB the fuzzers generate. */
    static final Duration CASE_TIMEOUT = Duration.ofSeconds(10);

    /** Where in the file: a byte offset or count, a JSON line and column, a field path, an item or dimension. */
    private static final Pattern POSITION = Pattern.compile(
            "byte \\d+|\\d+ bytes|after \\d+|line \\d+, column \\d+|'[^']+'|the top level|item \\d+|dimension \\d+|\"format\" field");

    /** The fixes the messages offer; a message must contain one. */
    static final List<String> FIXES = List.of("download it again", "right file", "upgrade mlp4j", "save it again",
            "train one", "is it the right", "the model you meant", "use --", "try --", "name a file");

    private Refusals() {
    }

    /** The outcome of one case: the value read, or the refusal. */
    record Outcome<T>(T value, InvalidInputException refusal) {
        boolean refused() {
            return refusal != null;
        }
    }

    /**
     * Runs {@code read} with a timeout and classifies what happened; fails with {@code description} (which must let
     * a reader reproduce the case) on anything but a value or an InvalidInputException.
     */
    static <T> Outcome<T> run(String description, Callable<T> read) {
        Outcome<T> outcome;
        try {
            outcome = assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
                try {
                    return new Outcome<>(read.call(), null);
                } catch (InvalidInputException e) {
                    return new Outcome<T>(null, e);
                }
            }, () -> "no answer within " + CASE_TIMEOUT.toSeconds() + " s (a hang?) for " + description);
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t.getClass().getName() + " instead of InvalidInputException for " + description + ": " + t, t);
        }
        return outcome;
    }

    /**
     * Checks a refusal's message: one line, names {@code fileName}, says where and what to do. Returns the problem
     * description or null when the message is fine.
     */
    static String problemWith(String message, String fileName) {
        if (message == null || message.isBlank()) {
            return "empty message";
        }
        if (message.contains("\n") || message.contains("\r")) {
            return "message of more than one line";
        }
        if (!message.contains(fileName)) {
            return "message does not name the file " + fileName;
        }
        if (!POSITION.matcher(message).find()) {
            return "message does not say where in the file";
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (FIXES.stream().noneMatch(lower::contains)) {
            return "message offers no fix";
        }
        return null;
    }

    static void assertGoodMessage(InvalidInputException e, String fileName, String description) {
        String problem = problemWith(e.getMessage(), fileName);
        if (problem != null) {
            throw new AssertionError(problem + " for " + description + ": " + e.getMessage(), e);
        }
    }

    /** Hex of the first {@code max} bytes, for failure messages. */
    static String hex(byte[] bytes, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(max, bytes.length); i++) {
            sb.append(String.format("%02x", bytes[i] & 0xFF));
        }
        return sb + (bytes.length > max ? "… (" + bytes.length + " bytes)" : " (" + bytes.length + " bytes)");
    }
}
