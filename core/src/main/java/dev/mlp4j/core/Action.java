package dev.mlp4j.core;

/**
 * Something a user runs to get past a refusal, where changing a setting is not enough: training a model to have one,
 * fetching the data. A {@link Fix} names it ({@link Fix.Run}); each front end writes it in its own words
 * ({@link SettingWords#run}): the command line as the command to type, Java as the class or method that does it.
 */
public enum Action {
    TRAIN("Trainer.run"),
    DOWNLOAD("mlp4j's download command");

    private final String javaName;

    Action(String javaName) {
        this.javaName = javaName;
    }

    /** How the Java API does it: the method, or in words where the library has none. */
    public String javaName() {
        return javaName;
    }

    /** This action as it is, as a part of a {@link Fix}. */
    public Fix.Run run() {
        return new Fix.Run(this, null);
    }

    /** This action with a setting given to it ("train --save m.json"), as a part of a {@link Fix}. */
    public Fix.Run with(Fix.Use use) {
        return new Fix.Run(this, use);
    }
}
