package dev.mlp4j.core.checkpoint;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.train.Trainer;
import dev.mlp4j.core.train.TrainingConfig;
import dev.mlp4j.core.train.TrainingData;
import dev.mlp4j.core.train.TrainingResult;
import dev.mlp4j.core.train.checkpoint.Checkpoint;
import dev.mlp4j.core.train.checkpoint.Checkpointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run checkpointed by the library's {@link Checkpointer} and resumed from its folder by a fresh trainer ends bit for
 * bit as one that never stopped, with momentum, dropout, L2 and keep-best all on.
 */
class CheckpointerTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.TANH, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 8, 8, 1);
    private static final int EPOCHS = 6;
    private static final Examples.TrainTest DATA = Examples.circle(4, 150, 60);

    private static TrainingConfig config(int epochs) {
        return TrainingConfig.builder().setEpochs(epochs).setBatchSize(7).setLearningRate(0.5)
                .optMomentum(0.9).optDropout(0.3).optL2(2.0).optSeed(99).optPatience(50).build();
    }

    private static TrainingData data() {
        return new TrainingData(DATA.train(), DATA.test(), null);
    }

    private static Parameters initial() {
        return config(EPOCHS).init().initialise(SPEC, new Random(99));
    }

    private static TrainingResult train(TrainingConfig config, Checkpointer checkpointer) {
        Trainer trainer = new Trainer(config);
        if (checkpointer != null) {
            trainer.addListener(checkpointer);
        }
        try (ReferenceBackend backend = new ReferenceBackend(SPEC)) {
            return trainer.train(backend, initial(), data());
        }
    }

    @Test
    void a_run_resumed_from_its_checkpoint_folder_ends_with_the_parameters_of_an_uninterrupted_run(@TempDir Path dir) {
        TrainingResult full = train(config(EPOCHS), null);

        Checkpointer checkpointer = new Checkpointer(dir, state -> Map.of("note", "after " + state.epochsDone()));
        train(config(3), checkpointer);
        assertEquals(3, checkpointer.savedEpoch());

        Checkpoint checkpoint = Checkpointer.resume(dir);
        assertEquals(3, checkpoint.state().epochsDone());
        assertEquals(Map.of("note", "after 3"), checkpoint.context());
        assertNotEquals(new Parameters(SPEC), checkpoint.state().velocities(), "momentum's velocities are part of the checkpoint");
        TrainingResult resumed;
        try (ReferenceBackend backend = new ReferenceBackend(SPEC)) {
            resumed = new Trainer(config(EPOCHS)).train(backend, checkpoint.state(), data());
        }

        assertEquals(full.parameters(), resumed.parameters());
        assertEquals(full.bestEpoch(), resumed.bestEpoch());
        assertEquals(EPOCHS, resumed.history().size());
        for (int e = 0; e < EPOCHS; e++) {
            assertEquals(full.history().get(e).trainingCost(), resumed.history().get(e).trainingCost(), "epoch " + (e + 1));
        }
    }

    @Test
    void a_checkpoint_that_cannot_be_written_stops_training_after_its_first_epoch(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Checkpointer checkpointer = new Checkpointer(file);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> train(config(2), checkpointer));
        assertEquals(0, checkpointer.savedEpoch());
        assertTrue(e.getMessage().contains(file + " is a file, not a folder"), e.getMessage());
        assertEquals("not a folder", Files.readString(file));
    }
}
