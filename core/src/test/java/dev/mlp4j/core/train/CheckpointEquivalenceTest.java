package dev.mlp4j.core.train;

import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Resuming from a captured {@link TrainingState} gives exactly what an uninterrupted run gives, with momentum,
 * dropout and L2 all on (shuffling and dropout masks are functions of seed and step, velocities are in the state).
 */
class CheckpointEquivalenceTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.TANH, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 8, 8, 1);
    private static final int EPOCHS = 6;

    private static TrainingConfig config(int epochs, int patience) {
        return TrainingConfig.builder().setEpochs(epochs).setBatchSize(7).setLearningRate(0.5)
                .optMomentum(0.9).optDropout(0.3).optL2(2.0).optSeed(99).optPatience(patience).build();
    }

    private static final Examples.TrainTest DATA = Examples.circle(4, 150, 60);

    private static TrainingData data() {
        return new TrainingData(DATA.train(), DATA.test(), null);
    }

    private static Parameters initial() {
        return config(EPOCHS, 0).init().initialise(SPEC, new Random(99));
    }

    /** Keeps the state after every epoch. */
    private static final class Capture implements TrainingListener {
        final Map<Integer, TrainingState> states = new HashMap<>();

        @Override
        public boolean wantsState() {
            return true;
        }

        @Override
        public void onEpochState(TrainingState state) {
            states.put(state.epochsDone(), state);
        }
    }

    private static TrainingResult uninterrupted(int patience) {
        try (ReferenceBackend backend = new ReferenceBackend(SPEC)) {
            return new Trainer(config(EPOCHS, patience)).train(backend, initial(), data());
        }
    }

    @ParameterizedTest(name = "stopped after epoch {0}")
    @ValueSource(ints = {1, 3, 5})
    void training_k_epochs_then_resuming_to_n_equals_training_n_epochs_bit_for_bit(int k) {
        TrainingResult full = uninterrupted(0);

        // A run that ends after k epochs (its own config says k), its state captured by a listener.
        Capture capture = new Capture();
        try (ReferenceBackend backend = new ReferenceBackend(SPEC)) {
            new Trainer(config(k, 0)).addListener(capture).train(backend, initial(), data());
        }
        TrainingState state = capture.states.get(k);
        assertNotNull(state, "no state after epoch " + k);
        // Velocities are part of the state and not zero with momentum on.
        assertNotEquals(new Parameters(SPEC), state.velocities());

        // A fresh trainer and backend take it from there to EPOCHS.
        TrainingResult resumed;
        try (ReferenceBackend backend = new ReferenceBackend(SPEC)) {
            resumed = new Trainer(config(EPOCHS, 0)).train(backend, state, data());
        }
        assertEquals(full.parameters(), resumed.parameters());
        assertEquals(EPOCHS, resumed.history().size());
        for (int e = 0; e < EPOCHS; e++) {
            assertEquals(full.history().get(e).trainingCost(), resumed.history().get(e).trainingCost(), "epoch " + (e + 1));
            assertEquals(full.history().get(e).validation().cost(), resumed.history().get(e).validation().cost(), "epoch " + (e + 1));
        }
        assertEquals(full.bestEpoch(), resumed.bestEpoch());
        assertEquals(full.stop(), resumed.stop());
    }

    @Test
    void resuming_twice_still_equals_the_uninterrupted_run() {
        TrainingResult full = uninterrupted(0);
        TrainingState state = TrainingState.fresh(initial());
        for (int stopAt : new int[] {2, 4, EPOCHS}) {
            Capture capture = new Capture();
            try (ReferenceBackend backend = new ReferenceBackend(SPEC)) {
                new Trainer(config(stopAt, 0)).addListener(capture).train(backend, state, data());
            }
            state = capture.states.get(stopAt);
        }
        assertEquals(full.parameters(), state.parameters());
    }

    @Test
    void resuming_with_early_stopping_keeps_the_same_best_parameters() {
        int patience = 50; // never reached in 6 epochs, but the best epoch is tracked and kept
        TrainingResult full = uninterrupted(patience);
        Capture capture = new Capture();
        try (ReferenceBackend backend = new ReferenceBackend(SPEC)) {
            new Trainer(config(3, patience)).addListener(capture).train(backend, initial(), data());
        }
        TrainingResult resumed;
        try (ReferenceBackend backend = new ReferenceBackend(SPEC)) {
            resumed = new Trainer(config(EPOCHS, patience)).train(backend, capture.states.get(3), data());
        }
        assertEquals(full.bestEpoch(), resumed.bestEpoch());
        assertEquals(full.parameters(), resumed.parameters());
    }
}
