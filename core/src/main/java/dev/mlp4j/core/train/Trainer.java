package dev.mlp4j.core.train;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendUnavailableException;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.DropoutMask;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Mini-batch stochastic gradient descent, Nielsen's {@code Network.SGD}: each epoch shuffles the training set,
 * cuts it into mini-batches and takes one step per batch, then scores the validation and test sets. The arithmetic
 * is the backend's; this class only orders it, so every backend trains the same way.
 *
 * <p>Thread-safe in the ways a caller needs: {@link #cancel()} from any thread; listeners run on the training
 * thread. A trainer may train again after a run ends, cancelled or not, and several runs may share it (each on its
 * own backend); {@link TrainingHandle}s that share it stop independently.
 */
public final class Trainer {
    private final TrainingConfig config;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    /** The stop flags of the runs in progress: {@link #cancel()} sets them all. */
    private final Set<AtomicBoolean> running = ConcurrentHashMap.newKeySet();
    /** A cancel that came while no run was in progress, for the next run, so that one racing a start is not lost. */
    private boolean cancelNext;

    public Trainer(TrainingConfig config) {
        if (config == null) {
            throw new InvalidInputException("The training configuration is null; build one with TrainingConfig.builder().");
        }
        this.config = config;
    }

    public TrainingConfig config() {
        return config;
    }

    /** Adds a listener for the runs that start from now on; a run already going keeps the listeners it started with. */
    public Trainer addListener(TrainingListener listener) {
        if (listener == null) {
            throw new InvalidInputException("The training listener is null.");
        }
        listeners.add(listener);
        return this;
    }

    /**
     * Asks every run of this trainer in progress to stop after its current mini-batch; each result then says
     * CANCELLED. When no run is in progress, the next one to start stops before its first epoch.
     */
    public void cancel() {
        synchronized (running) {
            if (running.isEmpty()) {
                cancelNext = true;
            } else {
                running.forEach(stop -> stop.set(true));
            }
        }
    }

    /** Whether a cancel waits for the next run, or a run in progress has been asked to stop. */
    public boolean isCancelled() {
        synchronized (running) {
            return cancelNext || running.stream().anyMatch(AtomicBoolean::get);
        }
    }

    /** Trains from the given parameters. */
    public TrainingResult train(Backend backend, Parameters initial, TrainingData data) {
        return train(backend, TrainingState.fresh(initial), data);
    }

    /** Trains on from a saved state, e.g. a checkpoint: the result equals that of an uninterrupted run. */
    public TrainingResult train(Backend backend, TrainingState state, TrainingData data) {
        return train(backend, state, data, new AtomicBoolean(), null);
    }

    /**
     * One run, stopped by {@code stop} (its own: a {@link TrainingHandle}'s) or by {@link #cancel()}; {@code extra}, when
     * not null, hears this run alone.
     */
    TrainingResult train(Backend backend, TrainingState state, TrainingData data, AtomicBoolean stop, TrainingListener extra) {
        check(backend, state, data);
        synchronized (running) {
            if (cancelNext) {
                stop.set(true);
                cancelNext = false;
            }
            running.add(stop);
        }
        List<TrainingListener> listeners = new ArrayList<>(this.listeners);
        if (extra != null) {
            listeners.add(extra);
        }
        try {
            return run(backend, state, data, stop, listeners);
        } finally {
            running.remove(stop);
        }
    }

    private TrainingResult run(Backend backend, TrainingState state, TrainingData data, AtomicBoolean cancelled,
                               List<TrainingListener> listeners) {
        int n = data.train().size();
        int m = Math.min(config.batchSize(), n);
        int batches = (n + m - 1) / m;
        backend.setParameters(state.parameters());
        backend.setVelocities(state.velocities());
        backend.bindTrainingSet(data.train());
        List<EpochResult> history = new ArrayList<>(state.history());
        Parameters best = state.best();
        int bestEpoch = state.bestEpoch();
        double lastCost = history.isEmpty() ? Double.NaN : history.get(history.size() - 1).trainingCost();
        listeners.forEach(l -> l.onTrainingStart(config.epochs(), batches));
        double l2Scale = config.l2() / n;
        int[] order = new int[n];
        TrainingResult.StopReason stop = TrainingResult.StopReason.COMPLETED;
        String message = null;
        // The reference backend's running cost is a field, free to read after every batch, so a run on it that
        // diverges stops in that batch; device backends would have to wait for the device, so they are checked
        // once per epoch. Draining per batch adds the same numbers in the same order: the cost is bit for bit the same.
        boolean checkEveryBatch = backend instanceof ReferenceBackend;
        Parameters lastGood = null;

        for (int epoch = state.epochsDone() + 1; epoch <= config.epochs(); epoch++) {
            if (cancelled.get()) {
                stop = TrainingResult.StopReason.CANCELLED;
                break;
            }
            final int e = epoch;
            listeners.forEach(l -> l.onEpochStart(e));
            double eta = config.learningRate().rate(epoch - 1, lastCost);
            if (!(eta >= 0) || Double.isInfinite(eta)) {
                // A constant rate was checked when the config was built; a schedule's can only be checked here. Zero
                // passes: a steep decay may underflow to it, and a step of zero harms nothing.
                throw new InvalidInputException("The learning-rate schedule " + config.learningRateText() + " gave " + eta
                        + " for epoch " + epoch + "; a schedule must give a finite rate of zero or more.");
            }
            shuffle(order, epoch);
            Parameters before = backend.parameters();
            long start = System.nanoTime();
            int done = 0;
            double costSum = 0;
            int divergedBatch = 0;
            double cost;
            try {
                for (int b = 0; b < batches; b++) {
                    if (cancelled.get()) {
                        break;
                    }
                    int from = b * m;
                    int to = Math.min(n, from + m);
                    long step = (long) (epoch - 1) * batches + b;
                    int key = DropoutMask.batchKey(config.seed(), step);
                    backend.trainBatch(order, from, to, new StepSettings(eta, config.momentum(), l2Scale, config.dropout(), key));
                    done += to - from;
                    if (checkEveryBatch) {
                        double batchCost = backend.drainCostSum();
                        costSum += batchCost;
                        if (!Double.isFinite(batchCost)) {
                            divergedBatch = b + 1;
                            break;
                        }
                    }
                    final int batchNo = b + 1;
                    listeners.forEach(l -> l.onBatchEnd(e, batchNo, batches));
                }
                // Drained before the clock stops: a device backend queues its steps, and reading the cost waits for them.
                cost = (costSum + backend.drainCostSum()) / Math.max(1, done);
            } catch (BackendUnavailableException failure) {
                // A device lost or out of memory mid-run: what was on it is gone, but the epoch's start is on the host.
                lastGood = before;
                stop = TrainingResult.StopReason.BACKEND_FAILED;
                message = "The " + backend.info().name() + " backend failed in epoch " + epoch + " (" + failure.getMessage()
                        + "); the parameters from before that epoch are kept. Run again with --backend core, or resume "
                        + "from a checkpoint on another device.";
                break;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (cancelled.get() && done < n && Double.isFinite(cost)) {
                stop = TrainingResult.StopReason.CANCELLED;
                // With early stopping the best epoch is kept, not the half-trained parameters.
                message = "Training cancelled during epoch " + epoch + (config.patience() == 0 || best == null
                        ? "; the parameters are those reached so far." : bestEpoch == 0 ? "; keeping the starting parameters."
                        : "; keeping epoch " + bestEpoch + ", the best so far.");
                break;
            }
            if (!Double.isFinite(cost) || backend.parameters().firstNonFinite() != null) {
                // Keep the last parameters that were still finite, so the run is not lost.
                backend.setParameters(before);
                stop = TrainingResult.StopReason.DIVERGED;
                message = "Training diverged in epoch " + epoch + (divergedBatch > 0 ? ", batch " + divergedBatch + " of " + batches : "")
                        + " (the cost became " + cost
                        + "); the parameters from before that epoch are kept. Try a smaller learning rate than " + eta + ".";
                break;
            }
            lastCost = cost;
            Evaluation validation = data.validation() == null ? null : Evaluator.evaluate(backend, data.validation());
            Evaluation test = data.test() == null ? null : Evaluator.evaluate(backend, data.test());
            EpochResult result = new EpochResult(epoch, eta, cost, validation, test, seconds, done / Math.max(seconds, 1e-9));
            history.add(result);
            listeners.forEach(l -> l.onEpochEnd(result));
            if (bestEpoch == 0 || result.score() > history.get(bestEpoch - 1).score()) {
                bestEpoch = epoch;
                best = null;
            }
            if (best == null && config.patience() > 0) {
                best = backend.parameters();
            }
            if (listeners.stream().anyMatch(TrainingListener::wantsState)) {
                Parameters now = backend.parameters();
                TrainingState snapshot = new TrainingState(epoch, now, backend.velocities(), best == null ? now : best, history);
                listeners.forEach(l -> l.onEpochState(snapshot));
            }
            if (config.patience() > 0 && epoch - bestEpoch >= config.patience()) {
                stop = TrainingResult.StopReason.EARLY_STOPPED;
                message = "Stopped early after epoch " + epoch + ": no " + (data.validation() == null ? "lower training cost" : "better validation score")
                        + " for " + config.patience()
                        + " epochs; keeping epoch " + bestEpoch + ".";
                break;
            }
        }
        Parameters kept = config.patience() > 0 && best != null ? best : lastGood != null ? lastGood : backend.parameters();
        if (stop == TrainingResult.StopReason.CANCELLED && message == null) {
            message = "Training cancelled after epoch " + history.size()
                    + (config.patience() > 0 && best != null && bestEpoch != history.size() ? "; keeping epoch " + bestEpoch + ", the best so far." : ".");
        }
        if (message == null) {
            int trained = history.size() - state.history().size();
            // A resumed run that had nothing left to do says so, rather than claiming the earlier runs' epochs.
            message = trained == 0 && !history.isEmpty() ? "Nothing to train: all " + history.size() + " epochs were done before."
                    : "Trained " + history.size() + (history.size() == 1 ? " epoch." : " epochs.");
        }
        TrainingResult result = new TrainingResult(kept, List.copyOf(history), bestEpoch, stop, message);
        listeners.forEach(l -> l.onTrainingEnd(result));
        return result;
    }

    /**
     * Refuses, before any work (and before a {@link TrainingHandle} starts its thread), what would otherwise fail
     * late or, worse, train something else than asked: a backend opened for another network, starting parameters
     * that are not finite (reported later as a divergence, blaming the learning rate), data that does not fit.
     */
    void check(Backend backend, TrainingState state, TrainingData data) {
        if (backend == null || state == null || data == null) {
            throw new InvalidInputException("The " + (backend == null ? "backend" : state == null ? "training state" : "training data")
                    + " is null; train needs a backend, starting parameters and data.");
        }
        Backend.requireFor(backend.spec(), state.parameters(), "parameters");
        NetworkSpec spec = state.parameters().spec();
        config.requireFor(spec);
        String bad = state.parameters().firstNonFinite();
        if (bad != null) {
            throw new InvalidInputException("The starting parameters are not finite (" + bad + "); initialise them again or load a model saved from a finished run.");
        }
        requireFit(spec, data);
    }

    /** Refuses data the network cannot take or its cost cannot score. */
    private static void requireFit(NetworkSpec spec, TrainingData data) {
        DataSet train = data.train();
        if (spec.inputSize() != train.inputSize() || spec.outputSize() != train.outputSize()) {
            throw new InvalidInputException("The network " + spec.layersText() + " maps " + spec.inputSize() + " inputs to "
                    + spec.outputSize() + " outputs but each example of " + train.name() + " has " + train.inputSize() + " values and "
                    + train.outputSize() + " targets; give the network " + train.inputSize() + " inputs and " + train.outputSize() + " outputs.");
        }
        String problem = data.targetProblem(spec.cost());
        if (problem != null) {
            throw new InvalidInputException(problem);
        }
    }

    /**
     * A fresh permutation for each epoch, a function of (seed, epoch) alone, so a resumed run shuffles exactly as an
     * uninterrupted one.
     */
    private void shuffle(int[] order, int epoch) {
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
