package dev.mlp4j.core.train.checkpoint;

import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.train.TrainingState;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run leaves behind after an epoch so that it can be continued: the trainer's whole state, and whatever
 * else the caller needs to start the same run again (the command line keeps its settings and the data it trained
 * on there). Core stores the context without reading it.
 *
 * @param state   the trainer's state after {@code state.epochsDone()} epochs
 * @param context free-form: strings, numbers, booleans, nulls, lists and maps of them; numbers come back as
 *                Double, so a long that must survive exactly (a seed) belongs in a string
 */
public record Checkpoint(TrainingState state, Map<String, Object> context) {
    public Checkpoint {
        context = context == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    public NetworkSpec spec() {
        return state.parameters().spec();
    }
}
