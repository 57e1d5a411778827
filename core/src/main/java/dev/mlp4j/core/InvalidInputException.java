package dev.mlp4j.core;

import java.util.Optional;

/**
 * The one exception mlp4j throws for input it cannot use: a malformed file, a network that cannot be built,
 * a training setting out of range. Where the refusal is a {@link Problem} it carries it as a value, with the words
 * that place it (the file it is in) and the words that follow it (what to do about a damaged file); each front end
 * renders it with {@link #message(SettingWords)} in its own words for the settings. {@link #getMessage()} is the
 * rendering for Java: a fix names the builder method ({@code setLearningRate(0.5)}).
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String place;
    private final transient Problem problem;
    private final String after;

    public InvalidInputException(String message) {
        super(message);
        this.place = "";
        this.problem = null;
        this.after = null;
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
        this.place = "";
        this.problem = null;
        this.after = null;
    }

    public InvalidInputException(Problem problem) {
        this("", problem, null, null);
    }

    /**
     * @param place  where the problem was found, in front of it: the file and field ("m.json: 'network': "), or ""
     * @param after  words that go on after the problem's clause, before the full stop ("; check that ..."), or null
     */
    public InvalidInputException(String place, Problem problem, String after, Throwable cause) {
        super(render(place, problem, after, SettingWords.JAVA), cause);
        this.place = place;
        this.problem = problem;
        this.after = after;
    }

    /** Where the problem was found, as the sentence opens with it ("m.json: "); "" where the problem says it all. */
    public String place() {
        return place;
    }

    /** The problem this refusal is, where it was made as one; empty for a refusal made as a sentence. */
    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }

    /** The refusal as one sentence, with its settings in {@code words}. */
    public String message(SettingWords words) {
        return problem == null ? getMessage() : render(place, problem, after, words);
    }

    /**
     * The same refusal with {@code outer} in front, e.g. the file it was found in; the problem stays a value.
     *
     * @param outer words that end in ": " or another joint
     */
    public InvalidInputException placedIn(String outer) {
        return problem == null ? new InvalidInputException(outer + getMessage(), this)
                : new InvalidInputException(outer + place, problem, after, this);
    }

    /**
     * The same refusal going on with {@code more} before its full stop, e.g. what to do about the file it was found in.
     * A refusal made as a whole sentence has no place to go on and stays as it is.
     *
     * @param more words that go on the sentence, e.g. "; check that it is the model you meant"
     */
    public InvalidInputException goingOn(String more) {
        return problem == null ? new InvalidInputException(getMessage(), this)
                : new InvalidInputException(place, problem, after == null ? more : after + more, this);
    }

    private static String render(String place, Problem problem, String after, SettingWords words) {
        return place + (after == null ? problem.sentence(words) : problem.clause(words) + after + ".");
    }
}
