package dev.mlp4j.core;

/**
 * An input mlp4j cannot use, as a value: what is wrong, the value given, and the fix. A front end renders it as a
 * sentence in its own words ({@link #sentence(SettingWords)}); code that needs a part reads the field, never the
 * sentence.
 *
 * @param what  what is wrong, as the sentence opens: "The number of epochs must be at least 1"
 * @param given the value given, shown as ", not 0" after {@code what}; null where there is none to show
 * @param fix   what to do about it, written after "; "; null where the sentence says it already
 */
public record Problem(String what, String given, Fix fix) {

    public Problem {
        if (what == null || what.isEmpty()) {
            throw new IllegalArgumentException("a problem says what is wrong");
        }
    }

    /** What is wrong with the value given, without the fix and the full stop: the part another sentence can quote. */
    public String statement() {
        return given == null ? what : what + ", not " + given;
    }

    /** The statement and the fix, without the full stop: for a sentence that goes on. */
    public String clause(SettingWords words) {
        return fix == null ? statement() : statement() + "; " + fix.render(words);
    }

    /** The whole sentence in {@code words}. */
    public String sentence(SettingWords words) {
        return clause(words) + ".";
    }
}
