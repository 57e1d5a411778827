package dev.mlp4j.cli.report;

import dev.mlp4j.cli.progress.Progress;
import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.train.Evaluation;
import dev.mlp4j.core.train.Evaluator;

/**
 * A data set with the network's output for every example and the evaluation they add up to. Scores exactly as
 * {@link Evaluator} does (same chunks, same order of sums, so the same numbers to the bit) but keeps the outputs,
 * which pictures of single examples need, and reports progress.
 *
 * @param outputs row-major, one row of {@code data.outputSize()} values per example
 */
public record ScoredSet(DataSet data, double[] outputs, Evaluation evaluation) {
    /** Evaluator's chunk: large enough to keep a device busy, small enough to bound memory. */
    private static final int CHUNK = 1000;

    public static ScoredSet score(Backend backend, DataSet data, Progress progress) {
        int out = data.outputSize();
        Cost cost = backend.spec().cost();
        boolean classes = data.isClassification();
        int classCount = Math.max(out, 2);
        int[][] confusion = classes ? new int[classCount][classCount] : null;
        double[] outputs = new double[data.size() * out];
        double costSum = 0;
        double squared = 0;
        int correct = 0;
        Batch reuse = null;
        for (int from = 0; from < data.size(); from += CHUNK) {
            int to = Math.min(data.size(), from + CHUNK);
            reuse = data.batch(null, from, to, reuse);
            double[] a = backend.forward(reuse);
            double[] y = reuse.targets();
            System.arraycopy(a, 0, outputs, from * out, (to - from) * out);
            for (int r = 0; r < to - from; r++) {
                costSum += cost.value(a, y, r * out, out);
                for (int j = 0; j < out; j++) {
                    double d = a[r * out + j] - y[r * out + j];
                    squared += d * d;
                }
                if (classes) {
                    int predicted = Evaluator.predictedClass(a, r * out, out);
                    int label = data.label(from + r);
                    confusion[label][predicted]++;
                    if (predicted == label) {
                        correct++;
                    }
                }
            }
            progress.advance(to - from);
        }
        int n = data.size();
        Evaluation e = new Evaluation(n, costSum / n, classes ? (double) correct / n : Double.NaN,
                squared / ((double) n * out), confusion);
        return new ScoredSet(data, outputs, e);
    }

    public int predicted(int example) {
        int out = data.outputSize();
        return Evaluator.predictedClass(outputs, example * out, out);
    }

    /** The output the predicted class got: how sure the network was. For one sigmoid unit, of the class it chose. */
    public double confidence(int example) {
        int out = data.outputSize();
        double a = outputs[example * out + predicted(example) % out];
        return out == 1 && predicted(example) == 0 ? 1 - a : a;
    }
}
