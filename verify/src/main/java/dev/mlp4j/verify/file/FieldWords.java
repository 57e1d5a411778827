package dev.mlp4j.verify.file;

import dev.mlp4j.core.Setting;
import dev.mlp4j.core.SettingWords;

/**
 * A verify file's words for the settings a refusal's fix names: the field that holds each one, with the value as
 * the file writes it ({@code "output": "sigmoid"}, {@code "layers": [784, 30, 10]}). The network's problems are the
 * library's; only the words are the file's.
 */
final class FieldWords implements SettingWords {
    static final FieldWords WORDS = new FieldWords();

    private FieldWords() {
    }

    @Override
    public String write(Setting setting, String value) {
        String field = "\"" + field(setting) + "\"";
        if (value == null) {
            return field;
        }
        return switch (setting) {
            case HIDDEN, OUTPUT, COST -> field + ": \"" + value + "\"";
            case LAYERS -> field + ": [" + String.join(", ", value.split(",")) + "]";
            default -> field + ": " + value;
        };
    }

    private static String field(Setting setting) {
        return switch (setting) {
            case LEARNING_RATE -> "lr";
            case BATCH -> "batch";
            default -> setting.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
