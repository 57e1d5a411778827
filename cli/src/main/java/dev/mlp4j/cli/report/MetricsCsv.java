package dev.mlp4j.cli.report;

import dev.mlp4j.core.train.EpochResult;
import dev.mlp4j.core.train.Evaluation;

import java.util.Locale;

/**
 * The numbers behind the curves, one row per epoch, columns named as in the --json output. A saved model's report
 * has no epochs: one row for its test set instead. Empty cells are values that were not measured.
 */
final class MetricsCsv {
    static final String EPOCH_HEADER = "epoch,learningRate,trainingCost,trainingAccuracy,validationAccuracy,validationCost,"
            + "testAccuracy,testCost,testMeanSquaredError,trainingSeconds";
    static final String TEST_HEADER = "examples,testAccuracy,testCost,testMeanSquaredError";

    private MetricsCsv() {
    }

    static String text(ReportInput in) {
        StringBuilder sb = new StringBuilder();
        if (in.history().isEmpty()) {
            Evaluation t = in.test().evaluation();
            sb.append(TEST_HEADER).append('\n').append(t.examples()).append(',').append(cell(t.accuracy())).append(',')
                    .append(cell(t.cost())).append(',').append(cell(t.meanSquaredError())).append('\n');
            return sb.toString();
        }
        sb.append(EPOCH_HEADER).append('\n');
        for (int i = 0; i < in.history().size(); i++) {
            EpochResult r = in.history().get(i);
            Evaluation v = r.validation();
            Evaluation t = r.test();
            sb.append(r.epoch()).append(',').append(cell(r.learningRate())).append(',').append(cell(r.trainingCost())).append(',')
                    .append(cell(in.trainingAccuracy(i))).append(',')
                    .append(v == null ? "" : cell(v.accuracy())).append(',').append(v == null ? "" : cell(v.cost())).append(',')
                    .append(t == null ? "" : cell(t.accuracy())).append(',').append(t == null ? "" : cell(t.cost())).append(',')
                    .append(t == null ? "" : cell(t.meanSquaredError())).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", r.trainingSeconds())).append('\n');
        }
        return sb.toString();
    }

    private static String cell(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
