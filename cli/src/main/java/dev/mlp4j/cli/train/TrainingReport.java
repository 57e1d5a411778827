package dev.mlp4j.cli.train;

import dev.mlp4j.cli.options.OutputPaths;
import dev.mlp4j.cli.progress.Progress;
import dev.mlp4j.cli.report.ReportInput;
import dev.mlp4j.cli.report.ReportWriter;
import dev.mlp4j.cli.report.ScoredSet;
import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.train.EpochResult;
import dev.mlp4j.core.train.Evaluator;
import dev.mlp4j.core.train.TrainingData;
import dev.mlp4j.core.train.TrainingListener;
import dev.mlp4j.core.train.TrainingState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Keeps a report folder up to date while a network trains: after every epoch the pictures of the network as it is,
 * and at the end those of the model the run keeps (the best epoch's when early stopping kept it). Measures the
 * training-set accuracy for the curves, which the trainer itself does not.
 */
final class TrainingReport implements TrainingListener {
    private final Path dir;
    private final Backend backend;
    private final TrainingData data;
    private final String title;
    private final Map<String, String> facts;
    private final List<EpochResult> history;
    private final TrainingAccuracies accuracies;
    private final int epochs;
    /** Whether training has been asked to stop (a signal, a failed write). */
    private final BooleanSupplier stopping;

    TrainingReport(Path dir, Backend backend, TrainingData data, String title, Map<String, String> facts,
                   List<EpochResult> pastEpochs, TrainingAccuracies accuracies, int epochs, BooleanSupplier stopping) {
        this.dir = dir;
        this.backend = backend;
        this.data = data;
        this.title = title;
        this.facts = facts;
        this.history = new ArrayList<>(pastEpochs);
        this.accuracies = accuracies;
        this.epochs = epochs;
        this.stopping = stopping;
    }

    /** Measured here, before any checkpoint of the epoch is written, since the checkpoint keeps it. */
    @Override
    public void onEpochEnd(EpochResult r) {
        history.add(r);
        accuracies.record(r.epoch(), Evaluator.evaluate(backend, data.train()).accuracy());
    }

    @Override
    public boolean wantsState() {
        return true;
    }

    /**
     * Written after the epoch's checkpoint (whose writer listens before this): a signal gives the run 30 s to end,
     * and they go to what cannot be made again first. Skipped once training is to stop, since {@link #finish} follows.
     */
    @Override
    public void onEpochState(TrainingState state) {
        if (!stopping.getAsBoolean()) {
            write(state.parameters(), "after epoch " + state.epochsDone() + " of " + epochs, true);
        }
    }

    /** The final report, of {@code parameters}, with {@code status} saying how the run ended. */
    void finish(Parameters parameters, String status) {
        backend.setParameters(parameters);
        write(parameters, status, false);
    }

    private void write(Parameters parameters, String status, boolean inProgress) {
        ScoredSet test = ScoredSet.score(backend, scoredSet(), Progress.none());
        ReportInput in = new ReportInput(title, facts, parameters, history, accuracies.upTo(history.size()), test, status, inProgress);
        try {
            ReportWriter.write(dir, in);
        } catch (IOException e) {
            throw OutputPaths.failure("Cannot write the report to " + dir, e);
        }
    }

    private DataSet scoredSet() {
        return data.test() != null ? data.test() : data.validation() != null ? data.validation() : data.train();
    }
}
