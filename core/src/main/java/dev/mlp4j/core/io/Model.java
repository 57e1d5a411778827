package dev.mlp4j.core.io;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

import java.util.Map;

/**
 * A trained network as saved: its shape, its parameters, and how it was trained (free-form settings and
 * results, kept for the record; nothing in them is needed to run the model).
 */
public record Model(NetworkSpec spec, Parameters parameters, Map<String, Object> training) {
    /** Refuses a model whose parameters are missing or of another network: its file could not be loaded again. */
    public Model {
        if (spec == null || parameters == null) {
            throw new InvalidInputException((spec == null ? "The model's NetworkSpec is" : "The model's parameters are")
                    + " null; give a Model its NetworkSpec and parameters of that network.");
        }
        spec.requireSame(parameters.spec(), "the parameters", "the model's NetworkSpec is",
                "give the Model parameters.spec() as its NetworkSpec, or parameters of its network");
        training = training == null ? Map.of() : Map.copyOf(training);
    }
}
