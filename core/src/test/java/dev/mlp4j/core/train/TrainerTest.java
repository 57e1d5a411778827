package dev.mlp4j.core.train;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mini-batch SGD end to end on the reference backend, on the two small example problems. */
class TrainerTest {
    private static final NetworkSpec CIRCLE_NET =
            NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 5, 1);
    private static final NetworkSpec CIRCLE_NET_QUADRATIC =
            NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, 2, 5, 5, 1);
    private static final NetworkSpec IDENTITY_NET =
            NetworkSpec.of(Activation.LINEAR, Activation.LINEAR, Cost.QUADRATIC, 2, 6, 6, 6, 2);

    private static TrainingConfig.Builder config(int epochs, double lr, long seed) {
        return TrainingConfig.builder().setEpochs(epochs).setBatchSize(10).setLearningRate(lr).optSeed(seed);
    }

    /** What the CLI does: the initial parameters are drawn from the config's scheme with the config's seed. */
    private static Parameters initial(NetworkSpec spec, TrainingConfig c) {
        return c.init().initialise(spec, new Random(c.seed()));
    }

    private static TrainingResult train(NetworkSpec spec, TrainingConfig c, TrainingData data, TrainingListener... listeners) {
        Trainer trainer = new Trainer(c);
        for (TrainingListener l : listeners) {
            trainer.addListener(l);
        }
        try (ReferenceBackend backend = new ReferenceBackend(spec)) {
            return trainer.train(backend, initial(spec, c), data);
        }
    }

    private static Evaluation evaluate(Parameters p, DataSet data) {
        try (ReferenceBackend backend = new ReferenceBackend(p.spec())) {
            backend.setParameters(p);
            return Evaluator.evaluate(backend, data);
        }
    }

    /** Records every epoch's resumable state. */
    private static final class StateRecorder implements TrainingListener {
        final Map<Integer, TrainingState> states = new TreeMap<>();

        @Override
        public boolean wantsState() {
            return true;
        }

        @Override
        public void onEpochState(TrainingState state) {
            states.put(state.epochsDone(), state);
        }
    }

    // ---- Determinism ----

    @Test
    void the_same_seed_gives_bit_identical_parameters_and_a_different_seed_does_not() {
        Examples.TrainTest circle = Examples.circle(1, 200, 50);
        TrainingData data = new TrainingData(circle.train(), null, null);
        TrainingConfig a = config(5, 2.0, 42).optMomentum(0.5).optDropout(0.2).optL2(1.0).build();
        TrainingResult first = train(CIRCLE_NET, a, data);
        TrainingResult second = train(CIRCLE_NET, a, data);
        assertEquals(first.parameters(), second.parameters());
        for (int e = 0; e < first.history().size(); e++) {
            assertEquals(first.history().get(e).trainingCost(), second.history().get(e).trainingCost());
        }

        TrainingResult other = train(CIRCLE_NET, config(5, 2.0, 43).optMomentum(0.5).optDropout(0.2).optL2(1.0).build(), data);
        assertNotEquals(first.parameters(), other.parameters());

        // The seed also drives shuffling and dropout, not just initialisation: same start, other seed, other end.
        Trainer trainer = new Trainer(config(5, 2.0, 43).optMomentum(0.5).optDropout(0.2).optL2(1.0).build());
        try (ReferenceBackend backend = new ReferenceBackend(CIRCLE_NET)) {
            TrainingResult sameStart = trainer.train(backend, initial(CIRCLE_NET, a), data);
            assertNotEquals(first.parameters(), sameStart.parameters());
        }
    }

    @Test
    void training_does_not_modify_the_initial_parameters_it_is_given() {
        TrainingConfig c = config(2, 2.0, 3).build();
        Parameters start = initial(CIRCLE_NET, c);
        Parameters copy = start.copy();
        try (ReferenceBackend backend = new ReferenceBackend(CIRCLE_NET)) {
            new Trainer(c).train(backend, start, new TrainingData(Examples.circle(1, 100, 10).train(), null, null));
        }
        assertEquals(copy, start);
    }

    // ---- Learning ----

    @Test
    void training_reduces_the_cost_on_the_circle() {
        Examples.TrainTest circle = Examples.circle(7, 700, 300);
        TrainingConfig c = config(30, 2.0, 7).build();
        Parameters start = initial(CIRCLE_NET, c);
        double before = evaluate(start, circle.test()).cost();
        TrainingResult r = train(CIRCLE_NET, c, new TrainingData(circle.train(), null, circle.test()));
        double after = r.last().test().cost();
        assertTrue(after < 0.5 * before, "test cost went from " + before + " to " + after);
        assertTrue(r.last().trainingCost() < r.history().get(0).trainingCost(),
                "training cost went from " + r.history().get(0).trainingCost() + " to " + r.last().trainingCost());
        assertEquals(after, evaluate(r.parameters(), circle.test()).cost(), 1e-12);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void the_circle_is_learnt_to_at_least_95_percent_test_accuracy_with_cross_entropy(long seed) {
        // 2-5-5-1 sigmoid, cross-entropy, η = 2, m = 10, 500 epochs: ≥ 96.6 % on each of seeds 1..30 when tuned.
        Examples.TrainTest circle = Examples.circle(seed, 700, 300);
        TrainingResult r = train(CIRCLE_NET, config(500, 2.0, seed).build(), new TrainingData(circle.train(), null, null));
        assertEquals(TrainingResult.StopReason.COMPLETED, r.stop());
        Evaluation test = evaluate(r.parameters(), circle.test());
        assertTrue(test.accuracy() >= 0.95, "test accuracy " + test.accuracy());
        assertEquals(300, test.examples());
    }

    @Test
    void the_circle_is_learnt_to_at_least_95_percent_test_accuracy_with_the_quadratic_cost() {
        // η = 10 for the quadratic cost, whose gradients are smaller by σ'(z).
        Examples.TrainTest circle = Examples.circle(1, 700, 300);
        TrainingResult r = train(CIRCLE_NET_QUADRATIC, config(300, 10.0, 1).build(), new TrainingData(circle.train(), null, null));
        Evaluation test = evaluate(r.parameters(), circle.test());
        assertTrue(test.accuracy() >= 0.95, "test accuracy " + test.accuracy());
    }

    @Test
    void a_linear_network_learns_the_identity_to_a_mean_squared_error_below_1e_4() {
        // A product of linear layers can represent the identity exactly, so SGD should drive the error to rounding.
        Examples.TrainTest identity = Examples.identity(1, 1000, 300);
        TrainingResult r = train(IDENTITY_NET, config(100, 0.01, 1).build(), new TrainingData(identity.train(), null, identity.test()));
        assertEquals(TrainingResult.StopReason.COMPLETED, r.stop());
        Evaluation test = evaluate(r.parameters(), identity.test());
        assertTrue(test.meanSquaredError() < 1e-4, "test MSE " + test.meanSquaredError());
        assertTrue(Double.isNaN(test.accuracy()), "regression data has no accuracy");
        assertNull(test.confusion());
        assertEquals(test.meanSquaredError(), r.last().test().meanSquaredError(), 1e-15);
    }

    // ---- Early stopping ----

    @Test
    void early_stopping_keeps_the_best_epochs_parameters() {
        // Validation accuracy on this run climbs for a few epochs, then wobbles below its best.
        Examples.TrainTest circle = Examples.circle(3, 700, 300);
        TrainingData data = new TrainingData(circle.train(), circle.test(), null);
        int patience = 2;
        StateRecorder recorder = new StateRecorder();
        TrainingResult r = train(CIRCLE_NET, config(500, 2.0, 3).optPatience(patience).build(), data, recorder);

        assertEquals(TrainingResult.StopReason.EARLY_STOPPED, r.stop(), r.message());
        int best = r.bestEpoch();
        assertTrue(best > 1, "this test needs a run that improves after its first epoch; best was " + best);
        List<EpochResult> h = r.history();
        assertEquals(best + patience, h.size(), "stops " + patience + " epochs after the best");
        double bestScore = h.get(best - 1).score();
        for (int e = 1; e <= h.size(); e++) {
            double score = h.get(e - 1).score();
            if (e < best) {
                assertTrue(score < bestScore, "epoch " + e + " scored " + score + ", not below the best " + bestScore);
            } else {
                assertTrue(score <= bestScore, "epoch " + e + " scored " + score + " above the best " + bestScore);
            }
        }
        assertEquals(best, new TrainingState(h.size(), r.parameters(), r.parameters(), r.parameters(), h).bestEpoch());
        assertTrue(r.message().contains("keeping epoch " + best), r.message());

        // The kept parameters are those the trainer had right after the best epoch …
        assertEquals(recorder.states.get(best).parameters(), r.parameters());
        assertEquals(recorder.states.get(h.size()).best(), r.parameters());
        // … not the last ones, and they score what the best epoch scored.
        assertNotEquals(recorder.states.get(h.size()).parameters(), r.parameters());
        assertEquals(h.get(best - 1).validation().accuracy(), evaluate(r.parameters(), circle.test()).accuracy());
    }

    @Test
    void without_patience_training_runs_all_epochs_and_keeps_the_last_parameters() {
        Examples.TrainTest circle = Examples.circle(5, 200, 100);
        StateRecorder recorder = new StateRecorder();
        TrainingResult r = train(CIRCLE_NET, config(8, 2.0, 5).build(), new TrainingData(circle.train(), circle.test(), null), recorder);
        assertEquals(TrainingResult.StopReason.COMPLETED, r.stop());
        assertEquals(8, r.history().size());
        assertEquals(recorder.states.get(8).parameters(), r.parameters());
        assertTrue(r.message().contains("8 epochs"), r.message());
    }

    @Test
    void one_epoch_is_counted_in_the_singular() {
        Examples.TrainTest circle = Examples.circle(5, 200, 100);
        TrainingResult r = train(CIRCLE_NET, config(1, 2.0, 5).build(), new TrainingData(circle.train(), circle.test(), null));
        assertEquals("Trained 1 epoch.", r.message());
    }

    @Test
    void resuming_a_finished_run_says_nothing_was_left_to_train() {
        Examples.TrainTest circle = Examples.circle(5, 200, 100);
        StateRecorder recorder = new StateRecorder();
        TrainingConfig c = config(3, 2.0, 5).build();
        TrainingData data = new TrainingData(circle.train(), circle.test(), null);
        train(CIRCLE_NET, c, data, recorder);
        TrainingResult again;
        try (ReferenceBackend backend = new ReferenceBackend(CIRCLE_NET)) {
            again = new Trainer(c).train(backend, recorder.states.get(3), data);
        }
        assertEquals(TrainingResult.StopReason.COMPLETED, again.stop());
        assertEquals(3, again.history().size());
        assertEquals("Nothing to train: all 3 epochs were done before.", again.message());
    }

    // ---- Cancellation ----

    @Test
    void cancelling_from_another_thread_stops_training_with_a_cancelled_result() throws Exception {
        Examples.TrainTest circle = Examples.circle(2, 700, 300);
        TrainingConfig c = config(1_000_000, 2.0, 2).build();
        Trainer trainer = new Trainer(c);
        ReferenceBackend backend = new ReferenceBackend(CIRCLE_NET);
        TrainingHandle handle = TrainingHandle.start(trainer, backend, initial(CIRCLE_NET, c),
                new TrainingData(circle.train(), null, null));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (handle.progress().epoch() < 1) {
                Thread.sleep(1);
            }
        });
        TrainingHandle.Progress p = handle.progress();
        assertEquals(70, p.batchesPerEpoch());
        assertEquals(1_000_000, p.epochs());
        assertTrue(p.fraction() > 0 && p.fraction() < 0.01, "fraction " + p.fraction());
        handle.cancel();
        TrainingResult r = handle.get(5, TimeUnit.SECONDS);
        assertTrue(handle.isDone());
        assertEquals(TrainingResult.StopReason.CANCELLED, r.stop());
        assertTrue(r.message().toLowerCase().contains("cancelled"), r.message());
        assertTrue(r.history().size() < c.epochs());
        assertNull(r.parameters().firstNonFinite());
        // The handle stopped its own run; the trainer holds no cancel for the next one.
        assertTrue(!trainer.isCancelled());
        backend.close();
    }

    @Test
    void a_trainer_cancelled_before_it_starts_trains_no_epoch() {
        TrainingConfig c = config(5, 2.0, 1).build();
        Trainer trainer = new Trainer(c);
        trainer.cancel();
        Parameters start = initial(CIRCLE_NET, c);
        try (ReferenceBackend backend = new ReferenceBackend(CIRCLE_NET)) {
            TrainingResult r = trainer.train(backend, start, new TrainingData(Examples.circle(1, 50, 10).train(), null, null));
            assertEquals(TrainingResult.StopReason.CANCELLED, r.stop());
            assertEquals(0, r.history().size());
            assertEquals(start, r.parameters());
        }
    }

    // ---- Divergence ----

    @Test
    void a_huge_learning_rate_diverges_keeping_finite_parameters_and_suggesting_a_smaller_rate() {
        Examples.TrainTest identity = Examples.identity(1, 200, 50);
        TrainingConfig c = config(10, 1e6, 1).build();
        Parameters start = initial(IDENTITY_NET, c);
        TrainingResult r = train(IDENTITY_NET, c, new TrainingData(identity.train(), null, identity.test()));
        assertEquals(TrainingResult.StopReason.DIVERGED, r.stop(), r.message());
        assertNull(r.parameters().firstNonFinite(), "kept parameters must be finite");
        assertTrue(r.message().contains("smaller learning rate"), r.message());
        // η = 10⁶ overflows within the first epoch, so the parameters from before it are the initial ones.
        assertTrue(r.message().contains("diverged in epoch 1"), r.message());
        assertEquals(0, r.history().size());
        assertEquals(start, r.parameters());
    }

    @Test
    void a_sigmoid_cross_entropy_net_with_a_huge_rate_saturates_without_nan_and_is_not_called_diverged() {
        // δ = a − y stays within [−1, 1], so even η = 10⁶ leaves the parameters finite; the outputs saturate to
        // exactly 0 or 1, where a cost taken from a would read Infinity. Taken from z it stays finite and large.
        Examples.TrainTest circle = Examples.circle(1, 200, 50);
        TrainingResult r = train(CIRCLE_NET, config(20, 1e6, 1).build(), new TrainingData(circle.train(), null, null));
        assertEquals(TrainingResult.StopReason.COMPLETED, r.stop(), r.message());
        assertNull(r.parameters().firstNonFinite());
        assertEquals(20, r.history().size());
        for (EpochResult e : r.history()) {
            assertTrue(Double.isFinite(e.trainingCost()), "epoch " + e.epoch() + ": " + e.trainingCost());
        }
        assertTrue(r.last().trainingCost() > 100, "a saturated, badly trained net costs a lot: " + r.last().trainingCost());
    }

    // ---- Momentum and L2 ----

    @Test
    void momentum_speeds_up_learning_with_a_small_rate() {
        Examples.TrainTest identity = Examples.identity(1, 500, 100);
        TrainingData data = new TrainingData(identity.train(), null, identity.test());
        TrainingResult plain = train(IDENTITY_NET, config(3, 0.002, 1).build(), data);
        TrainingResult momentum = train(IDENTITY_NET, config(3, 0.002, 1).optMomentum(0.9).build(), data);
        assertNotEquals(plain.parameters(), momentum.parameters());
        double p = plain.last().test().meanSquaredError();
        double m = momentum.last().test().meanSquaredError();
        assertTrue(m < 0.5 * p, "MSE with momentum " + m + ", without " + p);
    }

    @Test
    void l2_regularisation_shrinks_the_weights() {
        Examples.TrainTest circle = Examples.circle(3, 700, 300);
        TrainingData data = new TrainingData(circle.train(), null, null);
        TrainingResult plain = train(CIRCLE_NET, config(50, 2.0, 3).build(), data);
        TrainingResult l2 = train(CIRCLE_NET, config(50, 2.0, 3).optL2(10.0).build(), data);
        double plainNorm = plain.parameters().sumOfSquaredWeights();
        double l2Norm = l2.parameters().sumOfSquaredWeights();
        assertTrue(l2Norm < 0.5 * plainNorm, "Σw² with L2 " + l2Norm + ", without " + plainNorm);
    }

    // ---- Schedules, listeners, history ----

    @Test
    void every_epoch_uses_the_schedules_rate_and_listeners_hear_every_step_in_order() {
        Examples.TrainTest circle = Examples.circle(1, 95, 10);
        TrainingConfig c = TrainingConfig.builder().setEpochs(5).setBatchSize(10)
                .setLearningRate(LearningRateSchedule.stepDecay(2.0, 0.5, 2), "2.0 halved every 2").optSeed(1).build();
        List<String> events = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onTrainingStart(int epochs, int batchesPerEpoch) {
                events.add("start " + epochs + " " + batchesPerEpoch);
            }

            @Override
            public void onEpochStart(int epoch) {
                events.add("epoch " + epoch);
            }

            @Override
            public void onBatchEnd(int epoch, int batch, int batchesPerEpoch) {
                if (batch == batchesPerEpoch) {
                    events.add("batches " + epoch + " " + batch);
                }
            }

            @Override
            public void onEpochEnd(EpochResult result) {
                events.add("end " + result.epoch());
            }

            @Override
            public void onTrainingEnd(TrainingResult result) {
                events.add("done " + result.stop());
            }
        };
        TrainingResult r = train(CIRCLE_NET, c, new TrainingData(circle.train(), null, circle.test()), listener);
        List<String> expected = new ArrayList<>();
        expected.add("start 5 10"); // 95 examples in batches of 10: 9 full and one of 5
        for (int e = 1; e <= 5; e++) {
            expected.add("epoch " + e);
            expected.add("batches " + e + " 10");
            expected.add("end " + e);
        }
        expected.add("done COMPLETED");
        assertEquals(expected, events);
        double[] rates = r.history().stream().mapToDouble(EpochResult::learningRate).toArray();
        assertEquals(List.of(2.0, 2.0, 1.0, 1.0, 0.5), Arrays.stream(rates).boxed().toList());
        for (int e = 0; e < 5; e++) {
            EpochResult er = r.history().get(e);
            assertEquals(e + 1, er.epoch());
            assertNull(er.validation());
            assertEquals(10, er.test().examples());
            assertEquals(-er.trainingCost(), er.score(), "without validation the score is minus the training cost");
        }
    }

    // ---- Configuration ----

    @ParameterizedTest
    @ValueSource(doubles = {-1, 0, Double.NaN, Double.POSITIVE_INFINITY})
    void a_learning_rate_that_is_not_positive_is_refused_with_a_sentence(double rate) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearningRateSchedule.constant(rate));
        assertTrue(e.getMessage().startsWith("The learning rate must be a positive number, not " + rate), e.getMessage());
        assertTrue(e.getMessage().endsWith("."), e.getMessage());
        assertThrows(InvalidInputException.class, () -> config(1, rate, 1));
    }

    @Test
    void schedules_give_the_documented_rates() {
        LearningRateSchedule step = LearningRateSchedule.stepDecay(1.0, 0.5, 10);
        assertEquals(1.0, step.rate(0, Double.NaN));
        assertEquals(1.0, step.rate(9, 0.1));
        assertEquals(0.5, step.rate(10, 0.1));
        assertEquals(0.25, step.rate(25, 0.1));
        LearningRateSchedule inverse = LearningRateSchedule.inverseTime(1.0, 0.5);
        assertEquals(1.0, inverse.rate(0, Double.NaN));
        assertEquals(0.5, inverse.rate(2, 0.1));
        assertEquals(3.0, LearningRateSchedule.constant(3.0).rate(100, 0.1));
        assertThrows(InvalidInputException.class, () -> LearningRateSchedule.stepDecay(1.0, 0, 10));
        assertThrows(InvalidInputException.class, () -> LearningRateSchedule.stepDecay(1.0, 1.5, 10));
        assertThrows(InvalidInputException.class, () -> LearningRateSchedule.stepDecay(1.0, 0.5, 0));
        assertThrows(InvalidInputException.class, () -> LearningRateSchedule.inverseTime(-1.0, 0.5));
    }

    @Test
    void an_inverse_time_schedule_refuses_a_decay_that_would_make_the_rate_infinite_or_negative() {
        // η₀ / (1 + decay·epoch) with decay = -0.5 gives +∞ at epoch 2 and negative rates after it.
        assertThrows(InvalidInputException.class, () -> LearningRateSchedule.inverseTime(1.0, -0.5));
        assertThrows(InvalidInputException.class, () -> LearningRateSchedule.inverseTime(1.0, Double.NaN));
        // ∞·0 is NaN: an infinite decay would give a NaN rate in the first epoch.
        assertThrows(InvalidInputException.class, () -> LearningRateSchedule.inverseTime(1.0, Double.POSITIVE_INFINITY));
        assertEquals(1.0, LearningRateSchedule.inverseTime(1.0, 0).rate(7, 0.1), "zero decay is a constant rate");
    }

    private static void assertRefused(TrainingConfig.Builder builder, String... fragments) {
        InvalidInputException e = assertThrows(InvalidInputException.class, builder::build);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "expected '" + f + "' in: " + e.getMessage());
        }
    }

    @Test
    void invalid_training_settings_are_refused_with_what_to_do() {
        assertRefused(config(0, 0.5, 1), "epochs must be at least 1, not 0", "setEpochs(30)");
        assertRefused(TrainingConfig.builder().setBatchSize(10).setLearningRate(0.5), "epochs must be at least 1");
        assertRefused(config(1, 0.5, 1).setBatchSize(0), "mini-batch size must be at least 1, not 0", "setBatchSize(10)");
        assertRefused(TrainingConfig.builder().setEpochs(1).setBatchSize(10), "A learning rate is required", "setLearningRate(0.5)");
        assertRefused(config(1, 0.5, 1).optMomentum(1.0), "Momentum must be in [0, 1), not 1.0", "optMomentum(0.9)");
        assertRefused(config(1, 0.5, 1).optMomentum(-0.1), "Momentum must be in [0, 1)");
        assertRefused(config(1, 0.5, 1).optMomentum(Double.NaN), "Momentum must be in [0, 1), not NaN");
        assertRefused(config(1, 0.5, 1).optL2(-1), "L2 strength must be zero or positive, not -1.0", "optL2(5.0)");
        assertRefused(config(1, 0.5, 1).optL2(Double.POSITIVE_INFINITY), "L2 strength");
        assertRefused(config(1, 0.5, 1).optL2(Double.NaN), "L2 strength");
        assertRefused(config(1, 0.5, 1).optDropout(1.0), "dropout rate must be in [0, 1), not 1.0", "optDropout(0.5)");
        assertRefused(config(1, 0.5, 1).optDropout(-0.5), "dropout rate");
        assertRefused(config(1, 0.5, 1).optPatience(-1), "Patience must be zero (off) or a positive number of epochs, not -1");
    }

    @Test
    void defaults_are_plain_sgd_with_normal_scaled_weights() {
        TrainingConfig c = config(3, 0.5, 9).optInit(null).build();
        assertEquals(WeightInit.NORMAL_SCALED, c.init());
        assertEquals(0.0, c.momentum());
        assertEquals(0.0, c.l2());
        assertEquals(0.0, c.dropout());
        assertEquals(0, c.patience());
        assertEquals("0.5", c.learningRateText());
    }

    @Test
    void training_data_without_training_examples_is_refused() {
        DataSet empty = new DataSet("empty", 0, 2, 1, new float[0], new float[0], new int[0]);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new TrainingData(empty, null, null));
        assertTrue(e.getMessage().contains("no training examples"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new TrainingData(null, null, null));
    }
}
