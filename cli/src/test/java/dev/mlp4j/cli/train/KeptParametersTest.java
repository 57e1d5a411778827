package dev.mlp4j.cli.train;

import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.train.Trainer;
import dev.mlp4j.core.train.TrainingConfig;
import dev.mlp4j.core.train.TrainingData;
import dev.mlp4j.core.train.TrainingListener;
import dev.mlp4j.core.train.TrainingResult;
import dev.mlp4j.core.train.TrainingState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What a cancelled run keeps: the parameters after its last complete epoch (scored, and the checkpoint's), not
 * those reached part-way through the next; nothing when no epoch completed; the best epoch's with --patience.
 */
class KeptParametersTest {
    private static final NetworkSpec CIRCLE = new NetworkSpec(List.of(2, 5, 5, 1), Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY);
    private static final Examples.TrainTest DATA = Examples.byName("circle", 1);

    private static TrainingConfig config(int epochs, int patience) {
        return TrainingConfig.builder().setEpochs(epochs).setBatchSize(10).setLearningRate(3.0).optMomentum(0.5).optPatience(patience).build();
    }

    private static Parameters initial() {
        return config(1, 0).init().initialise(CIRCLE, new Random(1));
    }

    /** Trains, cancelling after batch {@code batch} of epoch {@code epoch}; with the keeper listening. */
    private static TrainingResult run(TrainingConfig c, KeptParameters keeper, int epoch, int batch) {
        Trainer trainer = new Trainer(c);
        trainer.addListener(keeper);
        trainer.addListener(new TrainingListener() {
            @Override
            public void onBatchEnd(int e, int b, int batches) {
                if (e == epoch && b == batch) {
                    trainer.cancel();
                }
            }
        });
        try (ReferenceBackend backend = new ReferenceBackend(CIRCLE)) {
            return trainer.train(backend, TrainingState.fresh(initial()), new TrainingData(DATA.train(), null, DATA.test()));
        }
    }

    private static Parameters uninterrupted(int epochs) {
        try (ReferenceBackend backend = new ReferenceBackend(CIRCLE)) {
            return new Trainer(config(epochs, 0)).train(backend, initial(), new TrainingData(DATA.train(), null, DATA.test())).parameters();
        }
    }

    @Test
    void cancelled_mid_epoch_it_keeps_the_last_complete_epoch() {
        KeptParameters keeper = new KeptParameters(TrainingState.fresh(initial()), false);
        TrainingResult r = run(config(10, 0), keeper, 3, 30);
        assertEquals(TrainingResult.StopReason.CANCELLED, r.stop());
        assertNotEquals(uninterrupted(2), r.parameters(), "the trainer holds the parameters reached in epoch 3");
        assertEquals(2, keeper.epoch(r).epoch());
        assertEquals(uninterrupted(2), keeper.parameters(r));
        assertEquals("Training interrupted in epoch 3, after 30 of its 70 batches; keeping the parameters after epoch 2.", keeper.interrupted(r, true));
    }

    @Test
    void cancelled_with_nothing_to_write_them_to_it_says_the_parameters_are_lost_and_how_to_keep_them() {
        KeptParameters keeper = new KeptParameters(TrainingState.fresh(initial()), false);
        TrainingResult r = run(config(10, 0), keeper, 3, 30);
        assertEquals("Training interrupted in epoch 3, after 30 of its 70 batches; the parameters after epoch 2 are lost, as "
                + "the run had no --save or --checkpoint (give --save FILE to keep the model, --checkpoint DIR to be able to "
                + "resume).", keeper.interrupted(r, false));
    }

    @Test
    void cancelled_in_the_first_epoch_it_keeps_nothing() {
        KeptParameters keeper = new KeptParameters(TrainingState.fresh(initial()), false);
        TrainingResult r = run(config(10, 0), keeper, 1, 5);
        assertNull(keeper.epoch(r));
        assertEquals("Training interrupted in epoch 1, after 5 of its 70 batches, before any epoch completed; "
                + "there are no trained parameters to keep.", keeper.interrupted(r, false));
    }

    @Test
    void with_patience_it_keeps_the_best_epoch() {
        KeptParameters keeper = new KeptParameters(TrainingState.fresh(initial()), true);
        TrainingResult r = run(config(20, 50), keeper, 12, 10);
        assertEquals(r.best(), keeper.epoch(r));
        assertEquals(r.parameters(), keeper.parameters(r));
    }
}
