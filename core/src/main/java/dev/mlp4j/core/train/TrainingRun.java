package dev.mlp4j.core.train;

import dev.mlp4j.core.Fix;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Setting;
import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendUnavailableException;
import dev.mlp4j.core.backend.ReferenceProvider;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.DropoutMask;
import dev.mlp4j.core.nn.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of a {@link Trainer}, from a starting state to its result: the epoch loop and what each epoch does, in
 * order. What may end a run is asked of small policies: {@link DivergenceCheck} during an epoch, the
 * {@link StopPolicy}s after it, and {@link KeepBest} says which parameters the run hands back. Used once, on the
 * training thread.
 */
final class TrainingRun {
    private final TrainingConfig config;
    private final Backend backend;
    private final TrainingState state;
    private final TrainingData data;
    private final AtomicBoolean cancelled;
    private final List<TrainingListener> listeners;
    private final List<StopPolicy> stopPolicies;
    private final DivergenceCheck divergence;
    private final KeepBest best;
    private final List<EpochResult> history;
    private final int examples;
    private final int batchSize;
    private final int batches;
    private final int[] order;
    private double lastCost;
    /**
     * The parameters at the start of the coming epoch, on the host: a device that fails anywhere in an epoch (its
     * first step, reading parameters back, scoring) has lost them, and a driver may fail every call after.
     */
    private Parameters before;
    /** The parameters from before the epoch a device failed in, when one did. */
    private Parameters beforeFailure;

    TrainingRun(TrainingConfig config, Backend backend, TrainingState state, TrainingData data, AtomicBoolean cancelled,
                List<TrainingListener> listeners) {
        this.config = config;
        this.backend = backend;
        this.state = state;
        this.data = data;
        this.cancelled = cancelled;
        this.listeners = listeners;
        this.stopPolicies = config.patience() > 0 ? List.of(new EarlyStopping(config.patience())) : List.of();
        this.divergence = new DivergenceCheck(backend);
        this.best = new KeepBest(config.patience() > 0, state);
        this.history = new ArrayList<>(state.history());
        this.examples = data.train().size();
        this.batchSize = Math.min(config.batchSize(), examples);
        this.batches = (examples + batchSize - 1) / batchSize;
        this.order = new int[examples];
        this.lastCost = history.isEmpty() ? Double.NaN : history.get(history.size() - 1).trainingCost();
        this.before = state.parameters().copy();
    }

    /** Trains the epochs the state has not done yet, until they are done or something stops the run. */
    TrainingResult run() {
        backend.setParameters(state.parameters());
        backend.setVelocities(state.velocities());
        backend.bindTrainingSet(data.train());
        listeners.forEach(l -> l.onTrainingStart(config.epochs(), batches));
        StopPolicy.Stop stop = null;
        for (int epoch = state.epochsDone() + 1; epoch <= config.epochs() && stop == null; epoch++) {
            stop = epoch(epoch);
        }
        return finish(stop == null ? StopPolicy.Stop.unworded(TrainingResult.StopReason.COMPLETED) : stop);
    }

    /**
     * One epoch: shuffle, a step per mini-batch, then score it, unless a cancel, a divergence or a failed device
     * ends it first.
     *
     * @return why the run stops after this epoch, or null to go on
     */
    private StopPolicy.Stop epoch(int epoch) {
        if (cancelled.get()) {
            return StopPolicy.Stop.unworded(TrainingResult.StopReason.CANCELLED);
        }
        listeners.forEach(l -> l.onEpochStart(epoch));
        double eta = learningRate(epoch);
        shuffle(epoch);
        Scored scored;
        try {
            scored = trainAndScore(epoch, eta);
        } catch (BackendUnavailableException failure) {
            // A device lost or out of memory: what was on it is gone, but the epoch's start is on the host.
            beforeFailure = before;
            return new StopPolicy.Stop(TrainingResult.StopReason.BACKEND_FAILED, Fix.of("The " + backend.info().name()
                    + " backend failed in epoch " + epoch + " (" + failure.getMessage() + "); the parameters from before that"
                    + " epoch are kept. Run again with ", Setting.BACKEND.at(ReferenceProvider.NAME),
                    ", or resume from a checkpoint on another device."));
        }
        return scored.stop() != null ? scored.stop() : completed(scored);
    }

    /** What an epoch's device work ends with: a stop, or the epoch scored with the parameters and velocities it reached. */
    private record Scored(StopPolicy.Stop stop, EpochResult result, Parameters after, Parameters velocities) {
        static Scored stopped(StopPolicy.Stop stop) {
            return new Scored(stop, null, null, null);
        }
    }

    /** Everything in an epoch that touches the device: its steps, reading back what they reached, scoring it. */
    private Scored trainAndScore(int epoch, double eta) {
        long start = System.nanoTime();
        DivergenceCheck.EpochCost cost = divergence.startEpoch();
        int done = steps(epoch, eta, cost);
        double mean = cost.mean(done);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (cancelled.get() && done < examples && Double.isFinite(mean)) {
            return Scored.stopped(new StopPolicy.Stop(TrainingResult.StopReason.CANCELLED,
                    "Training cancelled during epoch " + epoch + best.keptOnCancelDuringEpoch()));
        }
        Parameters after = Double.isFinite(mean) ? backend.parameters() : null;
        if (DivergenceCheck.diverged(mean, after)) {
            // Keep the last parameters that were still finite, so the run is not lost.
            backend.setParameters(before);
            return Scored.stopped(new StopPolicy.Stop(TrainingResult.StopReason.DIVERGED, cost.divergedMessage(epoch, batches, mean, eta)));
        }
        EpochResult result = new EpochResult(epoch, eta, mean, evaluate(data.validation()), evaluate(data.test()), seconds,
                done / Math.max(seconds, 1e-9));
        Parameters velocities = listeners.stream().anyMatch(TrainingListener::wantsState) ? backend.velocities() : null;
        return new Scored(null, result, after, velocities);
    }

    /** The epoch's rate from the schedule, refused when no step could use it. */
    private double learningRate(int epoch) {
        double eta = config.learningRate().rate(epoch - 1, lastCost);
        if (!(eta >= 0) || Double.isInfinite(eta)) {
            // A constant rate was checked when the config was built; a schedule's can only be checked here. Zero
            // passes: a steep decay may underflow to it, and a step of zero harms nothing.
            throw new InvalidInputException("The learning-rate schedule " + config.learningRateText() + " gave " + eta
                    + " for epoch " + epoch + "; a schedule must give a finite rate of zero or more.");
        }
        return eta;
    }

    /**
     * A step on each mini-batch of the shuffled order, until the last, a cancel, or a batch whose cost diverged.
     *
     * @return how many examples were trained
     */
    private int steps(int epoch, double eta, DivergenceCheck.EpochCost cost) {
        double l2Scale = config.l2() / examples;
        int done = 0;
        for (int b = 0; b < batches && !cancelled.get(); b++) {
            int from = b * batchSize;
            int to = Math.min(examples, from + batchSize);
            long step = (long) (epoch - 1) * batches + b;
            int key = DropoutMask.batchKey(config.seed(), step);
            backend.trainBatch(order, from, to, new StepSettings(eta, config.momentum(), l2Scale, config.dropout(), key));
            done += to - from;
            int batch = b + 1;
            if (!cost.afterBatch(batch)) {
                break;
            }
            listeners.forEach(l -> l.onBatchEnd(epoch, batch, batches));
        }
        return done;
    }

    private Evaluation evaluate(DataSet set) {
        return set == null ? null : Evaluator.evaluate(backend, set);
    }

    /** Records a finished epoch, tells the listeners, and asks the stop policies whether to go on. */
    private StopPolicy.Stop completed(Scored scored) {
        EpochResult result = scored.result();
        lastCost = result.trainingCost();
        history.add(result);
        listeners.forEach(l -> l.onEpochEnd(result));
        best.afterEpoch(result, history, scored.after());
        if (scored.velocities() != null) {
            // Everything needed to resume after this epoch, for the listeners that asked: copying it costs time.
            TrainingState snapshot = new TrainingState(result.epoch(), scored.after(), scored.velocities(), best.bestOr(scored.after()), history);
            listeners.forEach(l -> l.onEpochState(snapshot));
        }
        for (StopPolicy policy : stopPolicies) {
            StopPolicy.Stop stop = policy.afterEpoch(result, best);
            if (stop != null) {
                return stop;
            }
        }
        before = scored.after();
        return null;
    }

    /** The result: the parameters kept, and the sentence on how the run ended where {@code stop} has none yet. */
    private TrainingResult finish(StopPolicy.Stop stop) {
        Parameters kept = best.kept() != null ? best.kept() : beforeFailure != null ? beforeFailure : backend.parameters();
        Fix message = stop.message() != null ? stop.message() : Fix.of(endingSentence(stop.reason()));
        TrainingResult result = new TrainingResult(kept, List.copyOf(history), best.epoch(), stop.reason(), message);
        listeners.forEach(l -> l.onTrainingEnd(result));
        return result;
    }

    /** How a run that was cancelled between epochs, or that completed, ended. */
    private String endingSentence(TrainingResult.StopReason reason) {
        if (reason == TrainingResult.StopReason.CANCELLED) {
            return "Training cancelled after epoch " + history.size() + best.keptOnCancelAfter(history.size());
        }
        int trained = history.size() - state.history().size();
        // A resumed run that had nothing left to do says so, rather than claiming the earlier runs' epochs.
        return trained == 0 && !history.isEmpty() ? "Nothing to train: all " + history.size() + " epochs were done before."
                : "Trained " + history.size() + (history.size() == 1 ? " epoch." : " epochs.");
    }

    /**
     * A fresh permutation for each epoch, a function of (seed, epoch) alone, so a resumed run shuffles exactly as an
     * uninterrupted one.
     */
    private void shuffle(int epoch) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(config.seed() * 0x9E3779B97F4A7C15L + epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
