package dev.mlp4j.core.reliability;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.io.AtomicFiles;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.testing.ForwardingBackend;
import dev.mlp4j.core.train.EpochResult;
import dev.mlp4j.core.train.Trainer;
import dev.mlp4j.core.train.TrainingConfig;
import dev.mlp4j.core.train.TrainingData;
import dev.mlp4j.core.train.TrainingListener;
import dev.mlp4j.core.train.TrainingResult;
import dev.mlp4j.core.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults during training and saving: a run that diverges stops, says where and what to do, and keeps the last good
 * parameters; a listener that fails stops the run with its exception; a save that fails half-way leaves the previous
 * file as it was and no temporary file behind.
 */
class TrainingFaultTest {
    private static final NetworkSpec IDENTITY = NetworkSpec.of(Activation.LINEAR, Activation.LINEAR, Cost.QUADRATIC, 2, 6, 6, 6, 2);
    private static final NetworkSpec CIRCLE = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 5, 1);

    @TempDir
    Path dir;

    private static Parameters initial(NetworkSpec spec, long seed) {
        return TrainingConfig.builder().setEpochs(1).setBatchSize(1).setLearningRate(1).build().init().initialise(spec, new Random(seed));
    }

    /** Keeps the state after every epoch. */
    static final class States implements TrainingListener {
        final Map<Integer, TrainingState> byEpoch = new HashMap<>();

        @Override
        public boolean wantsState() {
            return true;
        }

        @Override
        public void onEpochState(TrainingState state) {
            byEpoch.put(state.epochsDone(), state);
        }
    }

    private static TrainingResult train(Backend backend, TrainingConfig c, Parameters start, TrainingData data, TrainingListener... ls) {
        Trainer t = new Trainer(c);
        for (TrainingListener l : ls) {
            t.addListener(l);
        }
        try (backend) {
            return t.train(backend, start, data);
        }
    }

    // ---- Divergence ----

    @Test
    void a_run_that_diverges_in_its_first_epoch_stops_in_that_batch_and_keeps_the_initial_parameters() {
        Examples.TrainTest identity = Examples.identity(1, 500, 50);
        TrainingConfig c = TrainingConfig.builder().setEpochs(5).setBatchSize(10).setLearningRate(1e6).build();
        Parameters start = initial(IDENTITY, 1);
        int[] batchesSeen = {0};
        TrainingResult r = train(new ReferenceBackend(IDENTITY), c, start, new TrainingData(identity.train(), null, identity.test()),
                new TrainingListener() {
                    @Override
                    public void onBatchEnd(int epoch, int batch, int batchesPerEpoch) {
                        batchesSeen[0]++;
                    }
                });
        assertEquals(TrainingResult.StopReason.DIVERGED, r.stop(), r.message());
        assertTrue(r.message().matches("Training diverged in epoch 1, batch \\d+ of 50 \\(the cost became (NaN|Infinity)\\).*"), r.message());
        assertTrue(r.message().contains("Try a smaller learning rate than 1000000.0"), r.message());
        assertTrue(batchesSeen[0] < 49, "stopped in the batch that diverged, after " + batchesSeen[0] + " of 50");
        assertEquals(start, r.parameters());
        assertEquals(0, r.history().size());
    }

    @Test
    void a_run_that_diverges_in_a_later_epoch_keeps_exactly_the_last_good_epochs_parameters() {
        Examples.TrainTest identity = Examples.identity(3, 400, 100);
        // Three sane epochs, then a rate that blows the weights up.
        TrainingConfig c = TrainingConfig.builder().setEpochs(10).setBatchSize(10).optMomentum(0.5)
                .setLearningRate((epoch, lastCost) -> epoch < 3 ? 0.01 : 1e6, "0.01 then 1e6").build();
        States states = new States();
        TrainingResult r = train(new ReferenceBackend(IDENTITY), c, initial(IDENTITY, 3),
                new TrainingData(identity.train(), null, identity.test()), states);
        assertEquals(TrainingResult.StopReason.DIVERGED, r.stop(), r.message());
        assertTrue(r.message().startsWith("Training diverged in epoch 4, batch "), r.message());
        assertTrue(r.message().contains("smaller learning rate"), r.message());
        assertEquals(3, r.history().size());
        assertEquals(states.byEpoch.get(3).parameters(), r.parameters(), "the parameters after epoch 3, bit for bit");
        assertNull(r.parameters().firstNonFinite());
        for (EpochResult e : r.history()) {
            assertTrue(Double.isFinite(e.trainingCost()));
        }
    }

    @Test
    void a_nan_in_the_training_data_is_refused_and_one_put_there_later_stops_the_first_epoch_in_its_batch() {
        Examples.TrainTest circle = Examples.circle(3, 300, 50);
        float[] x = circle.train().inputArray().clone();
        DataSet poisoned = new DataSet("poisoned", 300, 2, 1, x, circle.train().targetArray(), circle.train().labelArray());
        x[2 * 123 + 1] = Float.NaN;
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> new TrainingData(poisoned, null, null));
        assertTrue(refused.getMessage().startsWith("poisoned: input 1 of example 123 is NaN"), refused.getMessage());

        // The arrays are shared, not copied: a caller who changes them after the check still gets a stop, not NaN weights.
        x[2 * 123 + 1] = 0.5f;
        TrainingData data = new TrainingData(poisoned, null, null);
        x[2 * 123 + 1] = Float.NaN;
        Parameters start = initial(CIRCLE, 3);
        TrainingConfig c = TrainingConfig.builder().setEpochs(3).setBatchSize(10).setLearningRate(0.5).build();
        TrainingResult r = train(new ReferenceBackend(CIRCLE), c, start, data);
        assertEquals(TrainingResult.StopReason.DIVERGED, r.stop(), r.message());
        assertTrue(r.message().startsWith("Training diverged in epoch 1, batch "), r.message());
        assertEquals(start, r.parameters());
    }

    @Test
    void a_device_like_backend_is_checked_once_per_epoch_and_a_poisoned_step_is_caught_even_when_the_cost_stays_finite() {
        Examples.TrainTest circle = Examples.circle(3, 200, 50);
        TrainingConfig c = TrainingConfig.builder().setEpochs(6).setBatchSize(10).setLearningRate(0.5).build();
        States states = new States();
        // The step after the last batch of epoch 3 sets a weight to infinity: the costs of that epoch were all
        // computed before it, so only the check of the parameters can see it.
        ForwardingBackend poisoning = new ForwardingBackend(CIRCLE) {
            @Override
            public void trainBatch(int[] order, int from, int to, StepSettings s) {
                super.trainBatch(order, from, to, s);
                if (steps == 3 * 20) {
                    Parameters p = inner.parameters();
                    p.weights(1)[3] = Double.POSITIVE_INFINITY;
                    inner.setParameters(p);
                }
            }
        };
        TrainingResult r = train(poisoning, c, initial(CIRCLE, 3), new TrainingData(circle.train(), null, null), states);
        assertEquals(TrainingResult.StopReason.DIVERGED, r.stop(), r.message());
        assertTrue(r.message().startsWith("Training diverged in epoch 3 (the cost became "), r.message());
        assertEquals(2, r.history().size());
        assertEquals(states.byEpoch.get(2).parameters(), r.parameters());
    }

    @Test
    void checking_every_batch_changes_no_bit_of_the_costs_or_the_parameters() {
        Examples.TrainTest circle = Examples.circle(8, 230, 50);
        TrainingConfig c = TrainingConfig.builder().setEpochs(4).setBatchSize(7).setLearningRate(0.8).optMomentum(0.7).optL2(0.3)
                .optDropout(0.2).optSeed(8).build();
        TrainingData data = new TrainingData(circle.train(), null, circle.test());
        TrainingResult perBatch = train(new ReferenceBackend(CIRCLE), c, initial(CIRCLE, 8), data);
        TrainingResult perEpoch = train(new ForwardingBackend(CIRCLE), c, initial(CIRCLE, 8), data);
        assertEquals(perEpoch.parameters(), perBatch.parameters());
        for (int e = 0; e < 4; e++) {
            assertEquals(Double.doubleToRawLongBits(perEpoch.history().get(e).trainingCost()),
                    Double.doubleToRawLongBits(perBatch.history().get(e).trainingCost()), "epoch " + (e + 1));
        }
    }

    @Test
    void a_listener_that_fails_stops_training_with_its_exception() {
        Examples.TrainTest circle = Examples.circle(3, 100, 20);
        TrainingConfig c = TrainingConfig.builder().setEpochs(5).setBatchSize(10).setLearningRate(0.5).build();
        IllegalStateException boom = new IllegalStateException("disk full while checkpointing");
        int[] epochs = {0};
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> train(new ReferenceBackend(CIRCLE), c,
                initial(CIRCLE, 3), new TrainingData(circle.train(), null, null), new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochResult r) {
                        epochs[0]++;
                        if (r.epoch() == 2) {
                            throw boom;
                        }
                    }
                }));
        assertSame(boom, thrown);
        assertEquals(2, epochs[0]);
    }

    // ---- Saving ----

    private Path previousModel() throws IOException {
        Path file = dir.resolve("model.json");
        ModelFile.save(new Model(CIRCLE, initial(CIRCLE, 1), Map.of("note", "previous")), file);
        return file;
    }

    private static List<Path> temporaries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void a_save_whose_writer_fails_half_way_leaves_the_previous_file_and_no_temporary_file() throws IOException {
        Path file = previousModel();
        byte[] before = Files.readAllBytes(file);
        String text = ModelFile.toJson(new Model(CIRCLE, initial(CIRCLE, 2), Map.of()));
        byte[] half = text.substring(0, text.length() / 2).getBytes(StandardCharsets.UTF_8);
        List<Throwable> faults = List.of(new IOException("No space left on device"), new IllegalStateException("bug in a writer"),
                new OutOfMemoryError("simulated"), new StackOverflowError());
        for (Throwable fault : faults) {
            Throwable thrown = assertThrows(Throwable.class, () -> AtomicFiles.write(file, out -> {
                out.write(half);
                out.flush();
                if (fault instanceof IOException io) {
                    throw io;
                } else if (fault instanceof RuntimeException re) {
                    throw re;
                }
                throw (Error) fault;
            }));
            assertSame(fault, thrown);
            assertArrayEquals(before, Files.readAllBytes(file), "after " + fault);
            assertEquals(List.of(), temporaries(dir), "after " + fault);
            assertEquals("previous", ModelFile.load(file).training().get("note"));
        }
    }

    @Test
    void saving_to_a_folder_or_under_a_file_is_refused_before_anything_is_written() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("models"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ModelFile.save(new Model(CIRCLE, initial(CIRCLE, 2), Map.of()), folder));
        assertTrue(e.getMessage().startsWith(folder + ": is a folder; name a file"), e.getMessage());
        assertEquals(List.of(), temporaries(dir));
        assertEquals(List.of(), temporaries(folder));

        Path file = previousModel();
        Path under = file.resolve("model.json");
        InvalidInputException e2 = assertThrows(InvalidInputException.class,
                () -> ModelFile.save(new Model(CIRCLE, initial(CIRCLE, 2), Map.of()), under));
        assertTrue(e2.getMessage().contains(file + " is a file, not a folder"), e2.getMessage());
        assertEquals("previous", ModelFile.load(file).training().get("note"));
    }
}
