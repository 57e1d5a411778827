package dev.mlp4j.core.train;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a Java caller can get wrong around {@link Trainer} and {@link TrainingHandle}, and runs that share a trainer:
 * each is refused before any work with one sentence, or kept apart from the other runs.
 */
class TrainerRunsTest {
    private static final NetworkSpec NET = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 1);
    private static final Examples.TrainTest CIRCLE = Examples.circle(1, 200, 50);
    private static final TrainingData DATA = new TrainingData(CIRCLE.train(), null, CIRCLE.test());

    private static TrainingConfig.Builder config(int epochs) {
        return TrainingConfig.builder().setEpochs(epochs).setBatchSize(10).setLearningRate(2.0).optSeed(1);
    }

    private static Parameters initial(NetworkSpec spec) {
        return config(1).build().init().initialise(spec, new Random(1));
    }

    private static void waitFor(BooleanSupplier condition) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            while (!condition.getAsBoolean()) {
                Thread.sleep(1);
            }
        });
    }

    @Test
    void a_backend_opened_for_another_network_is_refused_before_training() {
        Trainer trainer = new Trainer(config(2).build());
        NetworkSpec narrower = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 1);
        NetworkSpec otherCost = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, 2, 5, 1);
        for (NetworkSpec opened : List.of(narrower, otherCost)) {
            try (ReferenceBackend backend = new ReferenceBackend(opened)) {
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> trainer.train(backend, initial(NET), DATA));
                assertTrue(e.getMessage().contains("opened for " + opened) && e.getMessage().contains(NET.toString()), e.getMessage());
            }
        }
    }

    @Test
    void dropout_on_a_network_without_hidden_layers_is_refused_rather_than_ignored() {
        NetworkSpec noHidden = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 1);
        try (ReferenceBackend backend = new ReferenceBackend(noHidden)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> new Trainer(config(2).optDropout(0.5).build()).train(backend, initial(noHidden), DATA));
            assertEquals("Dropout 0.5 acts on hidden layers, and the network 2,1 has none; set the dropout to 0 (leave optDropout() out) or add a hidden layer.",
                    e.getMessage());
            assertEquals(TrainingResult.StopReason.COMPLETED, new Trainer(config(2).build()).train(backend, initial(noHidden), DATA).stop());
        }
    }

    @Test
    void starting_parameters_that_are_not_finite_are_refused_rather_than_reported_as_a_divergence() {
        Parameters p = initial(NET);
        p.setWeight(0, 1, 1, Double.NaN);
        try (ReferenceBackend backend = new ReferenceBackend(NET)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> new Trainer(config(2).build()).train(backend, p, DATA));
            assertTrue(e.getMessage().startsWith("The starting parameters are not finite") && e.getMessage().contains("NaN"), e.getMessage());
        }
    }

    @Test
    void data_with_a_nan_or_an_empty_validation_set_is_refused_when_the_run_is_described() {
        float[] x = CIRCLE.train().inputArray().clone();
        x[7] = Float.NaN;
        DataSet nan = new DataSet("nan set", CIRCLE.train().size(), 2, 1, x, CIRCLE.train().targetArray(), null);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new TrainingData(nan, null, null));
        assertEquals("nan set: input 1 of example 3 is NaN; every input and target must be a finite number.", e.getMessage());

        DataSet empty = CIRCLE.train().slice("validation", 0, 0);
        e = assertThrows(InvalidInputException.class, () -> new TrainingData(CIRCLE.train(), empty, null));
        assertTrue(e.getMessage().startsWith("validation has no examples"), e.getMessage());
    }

    @Test
    void a_schedule_giving_a_negative_or_nan_rate_is_refused_in_that_epoch_and_zero_is_taken() {
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            TrainingConfig c = config(3).setLearningRate((epoch, cost) -> epoch < 1 ? 1.0 : bad, "bad-after-1").build();
            try (ReferenceBackend backend = new ReferenceBackend(NET)) {
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> new Trainer(c).train(backend, initial(NET), DATA));
                assertEquals("The learning-rate schedule bad-after-1 gave " + bad + " for epoch 2; a schedule must give a finite rate of zero or more.",
                        e.getMessage());
            }
        }
        TrainingConfig zero = config(2).setLearningRate((epoch, cost) -> 0.0, "zero").build();
        try (ReferenceBackend backend = new ReferenceBackend(NET)) {
            TrainingResult r = new Trainer(zero).train(backend, initial(NET), DATA);
            assertEquals(TrainingResult.StopReason.COMPLETED, r.stop());
            assertEquals(initial(NET), r.parameters(), "a rate of zero moves nothing");
        }
    }

    @Test
    void a_trainer_cancelled_once_trains_again_afterwards() {
        Trainer trainer = new Trainer(config(3).build());
        trainer.cancel();
        try (ReferenceBackend backend = new ReferenceBackend(NET)) {
            assertEquals(TrainingResult.StopReason.CANCELLED, trainer.train(backend, initial(NET), DATA).stop());
            assertFalse(trainer.isCancelled(), "the cancel was used by the run it stopped");
            TrainingResult again = trainer.train(backend, initial(NET), DATA);
            assertEquals(TrainingResult.StopReason.COMPLETED, again.stop(), again.message());
            assertEquals(3, again.history().size());
        }
    }

    @Test
    void handles_sharing_a_trainer_stop_and_report_progress_independently() throws Exception {
        List<Integer> trainerHeard = new CopyOnWriteArrayList<>();
        Trainer trainer = new Trainer(config(1_000_000).build()).addListener(new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult r) {
                trainerHeard.add(r.epoch());
            }
        });
        try (ReferenceBackend b1 = new ReferenceBackend(NET); ReferenceBackend b2 = new ReferenceBackend(NET)) {
            TrainingHandle h1 = TrainingHandle.start(trainer, b1, initial(NET), DATA);
            TrainingHandle h2 = TrainingHandle.start(trainer, b2, initial(NET), DATA);
            waitFor(() -> h1.progress().epoch() >= 2 && h2.progress().epoch() >= 2);
            h1.cancel();
            TrainingResult r1 = h1.get(10, TimeUnit.SECONDS);
            assertEquals(TrainingResult.StopReason.CANCELLED, r1.stop());
            int h2Epoch = h2.progress().epoch();
            waitFor(() -> h2.progress().epoch() >= h2Epoch + 3);
            assertFalse(h2.isDone(), "cancelling one handle stopped the other");
            TrainingHandle.Progress h1Progress = h1.progress();
            assertTrue(h1Progress.epoch() <= r1.history().size() + 1, "h1 heard h2's epochs: " + h1Progress);

            // The trainer's own cancel stops every run of it.
            trainer.cancel();
            assertEquals(TrainingResult.StopReason.CANCELLED, h2.get(10, TimeUnit.SECONDS).stop());
            assertFalse(trainer.isCancelled());
            assertEquals(h1Progress, h1.progress(), "a finished handle's progress changed");
            assertTrue(trainerHeard.size() >= r1.history().size() + h2.get().history().size() - 1, "the trainer's listener heard both runs");
        }
    }

    @Test
    void a_handle_refuses_what_cannot_train_on_the_callers_thread() {
        Trainer trainer = new Trainer(config(2).build());
        try (ReferenceBackend other = new ReferenceBackend(NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 3, 5, 1))) {
            assertThrows(InvalidInputException.class, () -> TrainingHandle.start(trainer, other, initial(NET), DATA));
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TrainingHandle.start(trainer, null, initial(NET), DATA));
        assertTrue(e.getMessage().startsWith("The backend is null"), e.getMessage());
    }

    @Test
    void a_run_cancelled_mid_epoch_with_early_stopping_says_it_keeps_the_best_epoch() {
        TrainingConfig c = config(100).optPatience(100).build();
        Trainer trainer = new Trainer(c);
        trainer.addListener(new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int batchesPerEpoch) {
                if (epoch == 31 && batch == 5) {
                    trainer.cancel();
                }
            }
        });
        try (ReferenceBackend backend = new ReferenceBackend(NET)) {
            TrainingResult r = trainer.train(backend, initial(NET), new TrainingData(CIRCLE.train(), CIRCLE.test(), null));
            assertEquals(TrainingResult.StopReason.CANCELLED, r.stop());
            assertEquals(30, r.history().size());
            assertTrue(r.bestEpoch() >= 1 && r.bestEpoch() <= 30);
            assertEquals("Training cancelled during epoch 31; keeping epoch " + r.bestEpoch() + ", the best so far.", r.message());
            try (ReferenceBackend check = new ReferenceBackend(NET)) {
                check.setParameters(r.parameters());
                assertEquals(r.best().validation().accuracy(), Evaluator.evaluate(check, CIRCLE.test()).accuracy(),
                        "the parameters returned are the best epoch's");
            }
        }
    }
}
