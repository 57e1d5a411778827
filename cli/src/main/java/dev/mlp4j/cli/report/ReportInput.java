package dev.mlp4j.cli.report;

import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.train.EpochResult;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report is drawn from.
 *
 * @param title            the page's heading, e.g. "train: mnist, 784,30,10 sigmoid/sigmoid cross-entropy"
 * @param facts            name → value lines shown at the top (data, network, settings), in order
 * @param parameters       the network whose pictures are drawn
 * @param history          the epochs so far (empty for a saved model)
 * @param trainingAccuracy accuracy on the training set after each epoch of {@code history}; NaN where unmeasured
 * @param test             the test set scored by {@code parameters}
 * @param status           where the run stands, e.g. "after epoch 3 of 30"
 * @param inProgress       true while training goes on: the page then reloads itself now and then
 */
public record ReportInput(String title, Map<String, String> facts, Parameters parameters, List<EpochResult> history,
                          List<Double> trainingAccuracy, ScoredSet test, String status, boolean inProgress) {
    public ReportInput {
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        history = List.copyOf(history);
        trainingAccuracy = List.copyOf(trainingAccuracy);
    }

    /** Training accuracy after epoch {@code i} (0-based), NaN when it was not measured. */
    double trainingAccuracy(int i) {
        return i < trainingAccuracy.size() ? trainingAccuracy.get(i) : Double.NaN;
    }
}
