package dev.mlp4j.core.io;

import dev.mlp4j.core.Action;
import dev.mlp4j.core.Fix;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;
import dev.mlp4j.core.Setting;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Saves and loads models as JSON; the format is documented in docs/model-format.md.
 *
 * <pre>
 * {"format": "mlp4j-model", "version": 1,
 *  "network": {"layers": [784, 30, 10], "hidden": "sigmoid", "output": "sigmoid", "cost": "cross-entropy"},
 *  "training": {...},
 *  "weights": [[[w₀₀, w₀₁, …], …], …],   weights[l][j][k]: from neuron k of layer l to neuron j of layer l+1
 *  "biases": [[b₀, …], …]}               biases[l][j]: of neuron j of layer l+1
 * </pre>
 *
 * <p>Numbers are written with Java's shortest round-trip form, so a load gives back exactly the saved doubles.
 * A file of a newer version is refused with a sentence saying so; older versions are read by their own code path
 * (version 1 is the first; version 2 adds one hidden activation per hidden layer, {@code "hidden": ["relu", "sigmoid"]},
 * and is written only for such networks, see {@link #versionFor}).
 */
public final class ModelFile {
    public static final String FORMAT = "mlp4j-model";
    /** The newest version this reads. */
    public static final int VERSION = 2;
    /** A bound on the file size read into memory: far above any MLP mlp4j trains, far below a heap. */
    public static final long MAX_BYTES = 512L << 20;

    private ModelFile() {
    }

    /**
     * The version a model of {@code spec} is written as: the oldest that holds it, so that a file an older mlp4j
     * could read is not refused there as newer. Version 2 only for hidden layers with different activations.
     */
    public static int versionFor(NetworkSpec spec) {
        return spec.hasMixedHidden() ? 2 : 1;
    }

    /**
     * Writes the model to {@code file} atomically (see {@link AtomicFiles}).
     *
     * @throws InvalidInputException when the parameters are not all finite, or {@code file} is a folder or special file
     * @throws IOException when the file system refuses; the message names {@code file}
     */
    public static void save(Model model, Path file) throws IOException {
        String json = toJson(model);
        AtomicFiles.writeString(file, json);
    }

    /**
     * The model as the JSON text {@link #save} writes.
     *
     * @throws InvalidInputException when a weight or bias is NaN or infinite, which a file cannot hold for loading
     */
    public static String toJson(Model model) {
        NetworkSpec spec = model.spec();
        Parameters p = model.parameters();
        String nonFinite = p.firstNonFinite();
        if (nonFinite != null) {
            // Written, it would be the string "NaN", which load refuses: the file would be lost work anyway.
            throw new InvalidInputException(new Problem("The model cannot be saved because its parameters are not all finite (" + nonFinite
                    + "); save parameters from before training diverged, or train again with a smaller learning rate", null, null));
        }
        StringBuilder sb = new StringBuilder(64 + (int) Math.min(Integer.MAX_VALUE / 2, spec.parameterCount() * 22));
        sb.append("{\n  \"format\": \"").append(FORMAT).append("\",\n  \"version\": ").append(versionFor(spec)).append(",\n");
        sb.append("  \"network\": ");
        NetworkJson.write(sb, spec);
        sb.append(",\n");
        sb.append("  \"training\": ");
        // Sorted keys, so that the same model always gives the same file.
        JsonWriter.value(sb, new TreeMap<>(model.training()));
        sb.append(",\n  \"weights\": [");
        ParametersJson.writeWeights(sb, p);
        sb.append("\n  ],\n  \"biases\": [");
        ParametersJson.writeBiases(sb, p);
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    public static Model load(Path file) {
        if (Files.isDirectory(file)) {
            // Reading would fail with a bare "Is a directory"; a checkpoint folder holds its model as model.json.
            Path inside = file.resolve("model.json");
            throw new InvalidInputException(new Problem(file + " is a folder, not a model file; give a model file, e.g. "
                    + (Files.isRegularFile(inside) ? inside + " (the model this folder holds)" : "one saved with 'train --save FILE'"), null, null));
        }
        String text;
        try {
            text = JsonFiles.read(file, MAX_BYTES, "mlp4j model");
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(new Problem(file + ": no such model file", null,
                    Fix.of("train one with ", Action.TRAIN.with(Setting.SAVE.at(file.toString())))));
        }
        return fromJson(file.toString(), text);
    }

    /** What a user can do about a damaged model file; added to every refusal of its content. */
    private static final String DAMAGED_FIX = "; check that it is the model you meant, or train and save it again";

    /** Runs one step of reading a model's content; a refusal gets {@link #DAMAGED_FIX}. */
    private static <T> T damaged(Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidInputException e) {
            throw e.goingOn(DAMAGED_FIX);
        }
    }

    public static Model fromJson(String source, String text) {
        JsonFields f = new JsonFields(source);
        Map<String, Object> root = damaged(() -> f.object(Json.parse(source, text), ""));
        Object format = root.get("format");
        if (!FORMAT.equals(format)) {
            throw new InvalidInputException(source + ": not an mlp4j model (its \"format\" field is "
                    + (format == null ? "missing" : "\"" + format + "\"") + ", expected \"" + FORMAT + "\"); is it the right file?");
        }
        int version = damaged(() -> f.integer(f.required(root, "version", ""), "version"));
        if (version > VERSION) {
            throw new InvalidInputException(new Problem(source + ": written by a newer mlp4j ('version' says model format version " + version
                    + "; this mlp4j reads versions 1 to " + VERSION + "); upgrade mlp4j to load it", null, null));
        }
        if (version < 1) {
            throw new InvalidInputException(source + ": model format version " + version + " ('version') does not exist; the file is corrupt"
                    + DAMAGED_FIX + ".");
        }
        return damaged(() -> read(f, root, version));
    }

    /** Versions 1 and 2 differ only in "network.hidden", which version 2 may give as one activation per hidden layer. */
    private static Model read(JsonFields f, Map<String, Object> root, int version) {
        Map<String, Object> net = f.object(f.required(root, "network", ""), "network");
        NetworkSpec spec = NetworkJson.read(f, net, version >= 2, "'network': ");
        List<Object> w = f.list(f.required(root, "weights", ""), "weights");
        List<Object> b = f.list(f.required(root, "biases", ""), "biases");
        if (w.size() != spec.depth() || b.size() != spec.depth()) {
            throw new InvalidInputException(new Problem(f.source() + ": 'weights' and 'biases': layers " + spec.layersText() + " need " + spec.depth()
                    + " weight matrices and bias vectors, but the file has " + w.size() + " and " + b.size(), null, null));
        }
        Parameters p = ParametersJson.read(f, w, b, "", spec);
        Object training = root.get("training");
        return new Model(spec, p, training == null ? Map.of() : withoutNulls(f.object(training, "training")));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> m) {
        Map<String, Object> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
