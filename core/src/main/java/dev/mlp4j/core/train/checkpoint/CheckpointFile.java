package dev.mlp4j.core.train.checkpoint;

import dev.mlp4j.core.Action;
import dev.mlp4j.core.Fix;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;
import dev.mlp4j.core.Setting;
import dev.mlp4j.core.io.AtomicFiles;
import dev.mlp4j.core.io.Json;
import dev.mlp4j.core.io.JsonFields;
import dev.mlp4j.core.io.JsonFiles;
import dev.mlp4j.core.io.JsonWriter;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.io.NetworkJson;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.train.EpochResult;
import dev.mlp4j.core.train.TrainingState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads checkpoints: one JSON file, {@value #FILE_NAME}, in a checkpoint folder; the format is documented
 * at the end of docs/model-format.md.
 *
 * <pre>
 * {"format": "mlp4j-checkpoint", "version": 1,
 *  "network": {"layers": [2, 5, 5, 1], "hidden": "sigmoid", "output": "sigmoid", "cost": "cross-entropy"},
 *  "context": {...},
 *  "epochsDone": 3,
 *  "parameters": {"weights": [...], "biases": [...]},
 *  "velocities": {...}, "best": {...},
 *  "history": [{"epoch": 1, "learningRate": 3.0, "trainingCost": 0.41, "validation": null, "test": {...}, ...}, ...]}
 * </pre>
 *
 * <p>Every double is written in Java's round-trip form and read back to the same bits, so a run resumed from a
 * checkpoint ends with exactly the parameters of one that never stopped. The file is replaced atomically: a crash
 * while saving leaves the previous epoch's checkpoint.
 */
public final class CheckpointFile {
    public static final String FORMAT = "mlp4j-checkpoint";
    /** The newest version this reads; version 2 adds one hidden activation per hidden layer, as in model files. */
    public static final int VERSION = 2;
    public static final String FILE_NAME = "checkpoint.json";
    /** Three sets of parameters: three times the largest model file. */
    public static final long MAX_BYTES = 3 * ModelFile.MAX_BYTES;

    private CheckpointFile() {
    }

    /** The checkpoint file of a checkpoint folder. */
    public static Path file(Path dir) {
        return dir.resolve(FILE_NAME);
    }

    public static boolean exists(Path dir) {
        return Files.isRegularFile(file(dir));
    }

    public static void save(Checkpoint checkpoint, Path dir) throws IOException {
        AtomicFiles.writeString(file(dir), toJson(checkpoint));
    }

    public static String toJson(Checkpoint c) {
        TrainingState s = c.state();
        NetworkSpec spec = c.spec();
        StringBuilder sb = new StringBuilder(256 + (int) Math.min(Integer.MAX_VALUE / 2, 3 * spec.parameterCount() * 22));
        // As for models, the oldest version that holds the network: 2 only for hidden layers with different activations.
        sb.append("{\n  \"format\": \"").append(FORMAT).append("\",\n  \"version\": ").append(spec.hasMixedHidden() ? 2 : 1).append(",\n");
        sb.append("  \"network\": ");
        NetworkJson.write(sb, spec);
        sb.append(",\n");
        sb.append("  \"context\": ");
        JsonWriter.value(sb, c.context());
        sb.append(",\n  \"epochsDone\": ").append(s.epochsDone());
        sb.append(",\n  \"parameters\": ");
        ParametersCodec.write(sb, s.parameters());
        sb.append(",\n  \"velocities\": ");
        ParametersCodec.write(sb, s.velocities());
        sb.append(",\n  \"best\": ");
        ParametersCodec.write(sb, s.best());
        sb.append(",\n  \"history\": [");
        for (int i = 0; i < s.history().size(); i++) {
            sb.append(i == 0 ? "\n    " : ",\n    ");
            JsonWriter.value(sb, EpochCodec.toMap(s.history().get(i)));
        }
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    /** Loads the checkpoint in folder {@code dir}, or {@code dir} itself when it is the checkpoint file. */
    public static Checkpoint load(Path dir) {
        Path file = Files.isDirectory(dir) ? file(dir) : dir;
        String text;
        try {
            text = JsonFiles.read(file, MAX_BYTES, "mlp4j checkpoint");
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(new Problem(dir + ": no checkpoint there (no " + FILE_NAME + ")", null,
                    Fix.of("start one with ", Action.TRAIN.with(Setting.CHECKPOINT.at(dir.toString())))));
        }
        return fromJson(file.toString(), text);
    }

    public static Checkpoint fromJson(String source, String text) {
        JsonFields f = new JsonFields(source);
        Map<String, Object> root = f.object(Json.parse(source, text), "");
        Object format = root.get("format");
        if (!FORMAT.equals(format)) {
            throw new InvalidInputException(source + ": not an mlp4j checkpoint (", new Problem("its \"format\" field is "
                    + (format == null ? "missing" : "\"" + format + "\"") + ", expected \"" + FORMAT + "\"", null, null), ")", null);
        }
        int version = f.integer(f.required(root, "version", ""), "version");
        if (version > VERSION) {
            throw new InvalidInputException(source + ": ", new Problem("written by a newer mlp4j (checkpoint format version " + version
                    + "; this mlp4j reads versions 1 to " + VERSION + "); upgrade mlp4j to resume it", null, null), null, null);
        }
        if (version < 1) {
            throw new InvalidInputException(source + ": ", new Problem("checkpoint format version " + version
                    + " does not exist; the file is corrupt", null, null), null, null);
        }
        NetworkSpec spec = NetworkJson.read(f, f.object(f.required(root, "network", ""), "network"), version >= 2, "");
        int epochsDone = f.integer(f.required(root, "epochsDone", ""), "epochsDone");
        Parameters parameters = ParametersCodec.read(f, f.required(root, "parameters", ""), "parameters", spec);
        Parameters velocities = ParametersCodec.read(f, f.required(root, "velocities", ""), "velocities", spec);
        Parameters best = ParametersCodec.read(f, f.required(root, "best", ""), "best", spec);
        List<Object> entries = f.list(f.required(root, "history", ""), "history");
        List<EpochResult> history = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            EpochResult r = EpochCodec.fromMap(f, entries.get(i), "history[" + i + "]");
            if (r.epoch() != i + 1) {
                throw f.fail("history[" + i + "].epoch", "is " + r.epoch() + " but should be " + (i + 1));
            }
            history.add(r);
        }
        if (epochsDone != history.size()) {
            throw f.fail("epochsDone", "is " + epochsDone + " but the history holds " + history.size() + " epochs");
        }
        Map<String, Object> context = root.get("context") == null ? Map.of() : f.object(root.get("context"), "context");
        return new Checkpoint(new TrainingState(epochsDone, parameters, velocities, best, history), context);
    }
}
