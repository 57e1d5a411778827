package dev.mlp4j.core;

/**
 * How one front end writes a {@link Setting}: "--epochs 30" on the command line, {@code "epochs": 30} in a file,
 * {@code setEpochs(30)} in Java. The problem stays the same value; only these words differ.
 */
@FunctionalInterface
public interface SettingWords {

    /**
     * @param setting the setting a fix names
     * @param value   the value to give it, or null where the fix names the setting alone
     */
    String write(Setting setting, String value);

    /**
     * How this front end says to run {@code action}: by default the Java API's words, the method and then the call
     * that takes the setting ("Trainer.run and ModelFile.save(m.json)").
     *
     * @param use the setting given to it, or null for none
     */
    default String run(Action action, Fix.Use use) {
        return action.javaName() + (use == null ? "" : " and " + write(use.setting(), use.value()));
    }

    /** The words of the Java API: the builder method with its argument, or the {@code NetworkSpec.of} argument. */
    SettingWords JAVA = (setting, value) -> switch (setting) {
        case LAYERS, HIDDEN, OUTPUT, COST, DATA, DATASET -> setting.javaName() + (value == null ? "" : " " + value);
        case JAVA_HEAP -> setting.javaName() + (value == null ? "" : value);
        default -> setting.javaName() + "(" + (value == null ? "" : value) + ")";
    };
}
