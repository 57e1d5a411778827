package dev.mlp4j.core.train;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Cost;

/** Runs a backend over a data set in chunks and scores its outputs. */
public final class Evaluator {
    /** Examples per forward call: large enough to keep a device busy, small enough to bound memory. */
    public static final int CHUNK = 1000;

    private Evaluator() {
    }

    /** Told the outputs of each chunk as it is scored: for callers that keep them or show progress. */
    @FunctionalInterface
    public interface ChunkListener {
        /** {@code outputs} holds rows {@code from..to)} of the data set, row-major; valid only during the call. */
        void onChunk(int from, int to, double[] outputs);
    }

    public static Evaluation evaluate(Backend backend, DataSet data) {
        return evaluate(backend, data, (from, to, outputs) -> { });
    }

    public static Evaluation evaluate(Backend backend, DataSet data, ChunkListener listener) {
        if (backend == null || data == null || listener == null) {
            throw new InvalidInputException("The " + (backend == null ? "backend" : data == null ? "data set" : "chunk listener")
                    + " is null; evaluate needs a backend, the data to score and a listener (or none: evaluate(backend, data)).");
        }
        // Checked here: a set of other widths would be scored as rows cut at the wrong places, with believable numbers.
        backend.spec().requireExampleWidths(data.inputSize(), data.outputSize(), "the data set " + data);
        int out = data.outputSize();
        Cost cost = backend.spec().cost();
        boolean classes = data.isClassification();
        int classCount = Math.max(out, 2);
        int[][] confusion = classes ? new int[classCount][classCount] : null;
        double costSum = 0;
        double squared = 0;
        int correct = 0;
        Batch reuse = null;
        for (int from = 0; from < data.size(); from += CHUNK) {
            int to = Math.min(data.size(), from + CHUNK);
            reuse = data.batch(null, from, to, reuse);
            double[] a = backend.forward(reuse);
            listener.onChunk(from, to, a);
            double[] y = reuse.targets();
            for (int r = 0; r < to - from; r++) {
                costSum += cost.value(a, y, r * out, out);
                for (int j = 0; j < out; j++) {
                    double d = a[r * out + j] - y[r * out + j];
                    squared += d * d;
                }
                if (classes) {
                    int predicted = predictedClass(a, r * out, out);
                    int label = data.label(from + r);
                    confusion[label][predicted]++;
                    if (predicted == label) {
                        correct++;
                    }
                }
            }
        }
        int n = data.size();
        return new Evaluation(n, costSum / n, classes ? (double) correct / n : Double.NaN,
                squared / ((double) n * out), confusion);
    }

    /** argmax of one output row; with a single output unit, class 1 when it is at least 0.5. */
    public static int predictedClass(double[] a, int offset, int length) {
        if (length == 1) {
            return a[offset] >= 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int j = 1; j < length; j++) {
            if (a[offset + j] > a[offset + best]) {
                best = j;
            }
        }
        return best;
    }
}
