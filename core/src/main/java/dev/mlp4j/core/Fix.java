package dev.mlp4j.core;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a user can do about a {@link Problem}: words with the settings to change among them, kept apart so that each
 * front end writes a setting as its own word ("try " + --epochs 30, "try " + setEpochs(30)).
 *
 * @param parts the advice in order: plain {@link Text} and the {@link Use} of a setting
 */
public record Fix(List<Part> parts) {

    /** One piece of advice. */
    public sealed interface Part permits Text, Use, Run {
    }

    /** Words that are the same in every front end. */
    public record Text(String text) implements Part {
    }

    /** A setting to change, with the value to give it or null for the setting alone. */
    public record Use(Setting setting, String value) implements Part {
    }

    /** An {@link Action} to run, with the setting it is given or null for none. */
    public record Run(Action action, Use use) implements Part {
    }

    public Fix {
        parts = List.copyOf(parts);
    }

    /** A fix from its parts in order: strings are plain words, {@link Use}s are settings. */
    public static Fix of(Object... parts) {
        return new Fix(Arrays.stream(parts).map(p -> p instanceof Part part ? part : new Text(String.valueOf(p))).toList());
    }

    /** The settings this fix names, in order. */
    public List<Setting> settings() {
        return parts.stream().map(p -> p instanceof Run r ? r.use() : p).filter(p -> p instanceof Use).map(p -> ((Use) p).setting()).toList();
    }

    /** The advice in {@code words}. */
    public String render(SettingWords words) {
        return parts.stream().map(p -> p instanceof Use u ? words.write(u.setting(), u.value())
                : p instanceof Run r ? words.run(r.action(), r.use()) : ((Text) p).text()).collect(Collectors.joining());
    }
}
