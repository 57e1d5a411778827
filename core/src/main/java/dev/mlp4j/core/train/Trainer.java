package dev.mlp4j.core.train;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;
import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Mini-batch stochastic gradient descent, Nielsen's {@code Network.SGD}: each epoch shuffles the training set,
 * cuts it into mini-batches and takes one step per batch, then scores the validation and test sets. The arithmetic
 * is the backend's; this class only orders it, so every backend trains the same way. Each run is a
 * {@code TrainingRun}, where the epoch loop is.
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
            return new TrainingRun(config, backend, state, data, stop, listeners).run();
        } finally {
            running.remove(stop);
        }
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
        spec.requireExampleWidths(train.inputSize(), train.outputSize(), "the training set " + train);
        Problem problem = data.targetProblem(spec.cost());
        if (problem != null) {
            throw new InvalidInputException(problem);
        }
    }
}
