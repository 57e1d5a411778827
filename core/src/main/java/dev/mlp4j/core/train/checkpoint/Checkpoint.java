package dev.mlp4j.core.train.checkpoint;

import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.train.TrainingState;

import java.util.Map;

/**
 * What a run leaves behind after an epoch so that it can be continued: the trainer's whole state, and the settings
 * the run was started with. The settings are the caller's (the command line stores its options and the data it
 * trained on); core keeps them for it without reading them.
 *
 * @param state    the trainer's state after {@code state.epochsDone()} epochs
 * @param settings free-form settings: strings, numbers, booleans, lists and maps of them
 */
public record Checkpoint(TrainingState state, Map<String, Object> settings) {
    public Checkpoint {
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }

    public NetworkSpec spec() {
        return state.parameters().spec();
    }
}
