package dev.mlp4j.cli.options;

import dev.mlp4j.core.Action;
import dev.mlp4j.core.Fix;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Setting;
import dev.mlp4j.core.SettingWords;

/**
 * The command line's words for the settings a refusal's fix names: each {@link Setting} is the option that sets it
 * ("try --epochs 30"). Every refusal the tool prints goes through {@link #sentence}, so the library's problems read
 * as advice about this tool's options.
 */
public final class OptionWords implements SettingWords {
    public static final OptionWords WORDS = new OptionWords();

    private OptionWords() {
    }

    /** The option that sets {@code setting}; for {@link Setting#JAVA_HEAP}, which no option sets, the JVM's. */
    public static String option(Setting setting) {
        return switch (setting) {
            case LAYERS -> "--layers";
            case HIDDEN -> "--hidden";
            case OUTPUT -> "--output";
            case COST -> "--cost";
            case EPOCHS -> "--epochs";
            case BATCH -> "--batch";
            case LEARNING_RATE -> "--lr";
            case MOMENTUM -> "--momentum";
            case L2 -> "--l2";
            case DROPOUT -> "--dropout";
            case PATIENCE -> "--patience";
            case DATA -> "--data";
            case DATASET -> "--dataset";
            case SAVE -> "--save";
            case CHECKPOINT -> "--checkpoint";
            case JAVA_HEAP -> "-Xmx";
            case TOLERANCE -> "--tolerance";
            case BACKEND -> "--backend";
        };
    }

    /** The command that runs {@code action}. */
    public static String command(Action action) {
        return switch (action) {
            case TRAIN -> "train";
            case DOWNLOAD -> "download";
        };
    }

    /** The command line to type, quoted: {@code './mlp4j train --save m.json'}. */
    @Override
    public String run(Action action, Fix.Use use) {
        return "'./mlp4j " + command(action) + (use == null ? "" : " " + write(use.setting(), use.value())) + "'";
    }

    @Override
    public String write(Setting setting, String value) {
        if (setting == Setting.JAVA_HEAP) {
            // The heap is the JVM's, set where the tool is started: through the script, or by java itself.
            return "JAVA_OPTS=-Xmx" + value + " ./mlp4j ..., or java -Xmx" + value + " -jar mlp4j.jar ...";
        }
        return option(setting) + (value == null ? "" : " " + value);
    }

    /** The refusal as the command line says it. */
    public static String sentence(InvalidInputException e) {
        return e.message(WORDS);
    }
}
