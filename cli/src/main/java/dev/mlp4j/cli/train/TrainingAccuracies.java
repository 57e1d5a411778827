package dev.mlp4j.cli.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Accuracy on the training set after each epoch. The trainer does not measure it (it costs a pass over the
 * training set); the report does, and a checkpoint keeps what was measured so a resumed run's curves are whole.
 */
public final class TrainingAccuracies {
    private final List<Double> values = new ArrayList<>();

    void record(int epoch, double accuracy) {
        while (values.size() < epoch) {
            values.add(Double.NaN);
        }
        values.set(epoch - 1, accuracy);
    }

    /** The first {@code epochs} values, NaN where none was measured. */
    public List<Double> upTo(int epochs) {
        List<Double> list = new ArrayList<>(values.subList(0, Math.min(epochs, values.size())));
        while (list.size() < epochs) {
            list.add(Double.NaN);
        }
        return list;
    }

    /** From a checkpoint: numbers, or the string "NaN" where nothing was measured. */
    static TrainingAccuracies fromJson(Object node) {
        TrainingAccuracies a = new TrainingAccuracies();
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                a.record(i + 1, list.get(i) instanceof Double d ? d : Double.NaN);
            }
        }
        return a;
    }
}
