package dev.mlp4j.core.io;

import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

import java.util.Map;

/**
 * A trained network as saved: its shape, its parameters, and how it was trained (free-form settings and
 * results, kept for the record; nothing in them is needed to run the model).
 */
public record Model(NetworkSpec spec, Parameters parameters, Map<String, Object> training) {
    public Model {
        training = training == null ? Map.of() : Map.copyOf(training);
    }
}
