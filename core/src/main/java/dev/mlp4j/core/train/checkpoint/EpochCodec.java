package dev.mlp4j.core.train.checkpoint;

import dev.mlp4j.core.io.JsonFields;
import dev.mlp4j.core.train.EpochResult;
import dev.mlp4j.core.train.Evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One epoch of the history as JSON. Every double is kept exactly: early stopping compares scores from before and
 * after a resume, so a score that came back one bit different could move the best epoch.
 */
final class EpochCodec {
    private EpochCodec() {
    }

    static Map<String, Object> toMap(EpochResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", r.epoch());
        m.put("learningRate", r.learningRate());
        m.put("trainingCost", r.trainingCost());
        m.put("validation", r.validation() == null ? null : toMap(r.validation()));
        m.put("test", r.test() == null ? null : toMap(r.test()));
        m.put("trainingSeconds", r.trainingSeconds());
        m.put("examplesPerSecond", r.examplesPerSecond());
        return m;
    }

    private static Map<String, Object> toMap(Evaluation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("examples", e.examples());
        m.put("cost", e.cost());
        m.put("accuracy", e.accuracy());
        m.put("meanSquaredError", e.meanSquaredError());
        m.put("confusion", e.confusion() == null ? null : List.of(e.confusion()));
        return m;
    }

    static EpochResult fromMap(JsonFields f, Object node, String path) {
        Map<String, Object> m = f.object(node, path);
        return new EpochResult(
                f.integer(f.required(m, "epoch", path), path + ".epoch"),
                number(f, f.required(m, "learningRate", path), path + ".learningRate"),
                number(f, f.required(m, "trainingCost", path), path + ".trainingCost"),
                evaluation(f, m.get("validation"), path + ".validation"),
                evaluation(f, m.get("test"), path + ".test"),
                number(f, f.required(m, "trainingSeconds", path), path + ".trainingSeconds"),
                number(f, f.required(m, "examplesPerSecond", path), path + ".examplesPerSecond"));
    }

    private static Evaluation evaluation(JsonFields f, Object node, String path) {
        if (node == null) {
            return null;
        }
        Map<String, Object> m = f.object(node, path);
        int examples = f.integer(f.required(m, "examples", path), path + ".examples");
        int[][] confusion = null;
        if (m.get("confusion") != null) {
            List<Object> rows = f.list(m.get("confusion"), path + ".confusion");
            confusion = new int[rows.size()][];
            for (int i = 0; i < rows.size(); i++) {
                List<Object> row = f.list(rows.get(i), path + ".confusion[" + i + "]");
                if (row.size() != rows.size()) {
                    throw f.fail(path + ".confusion[" + i + "]", "has " + row.size() + " entries but should have " + rows.size());
                }
                confusion[i] = new int[row.size()];
                for (int j = 0; j < row.size(); j++) {
                    confusion[i][j] = f.integer(row.get(j), path + ".confusion[" + i + "][" + j + "]");
                }
            }
        }
        return new Evaluation(examples,
                number(f, f.required(m, "cost", path), path + ".cost"),
                number(f, f.required(m, "accuracy", path), path + ".accuracy"),
                number(f, f.required(m, "meanSquaredError", path), path + ".meanSquaredError"),
                confusion);
    }

    /** A number, or one of the strings JsonWriter uses for the non-finite ones. */
    static double number(JsonFields f, Object node, String path) {
        if (node instanceof String s) {
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    throw f.fail(path, "should be a number, not \"" + s + "\"");
            }
        }
        return f.number(node, path);
    }
}
