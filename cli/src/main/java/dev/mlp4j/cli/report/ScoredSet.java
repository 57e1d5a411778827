package dev.mlp4j.cli.report;

import dev.mlp4j.cli.progress.Progress;
import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.train.Evaluation;
import dev.mlp4j.core.train.Evaluator;

/**
 * A data set with the network's output for every example and the evaluation they add up to: {@link Evaluator}'s
 * scoring, keeping the outputs, which pictures of single examples need, and reporting progress.
 *
 * @param outputs row-major, one row of {@code data.outputSize()} values per example
 */
public record ScoredSet(DataSet data, double[] outputs, Evaluation evaluation) {
    public static ScoredSet score(Backend backend, DataSet data, Progress progress) {
        int out = data.outputSize();
        double[] outputs = new double[data.size() * out];
        Evaluation e = Evaluator.evaluate(backend, data, (from, to, a) -> {
            System.arraycopy(a, 0, outputs, from * out, (to - from) * out);
            progress.advance(to - from);
        });
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
