package dev.mlp4j.core.train;

import dev.mlp4j.core.SettingWords;
import dev.mlp4j.core.backend.BackendCapabilities;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.core.testing.ForwardingBackend;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The policies a run asks: how often divergence is checked follows what the backend declares, not which class it
 * is; early stopping counts epochs since the best one.
 */
class StopPoliciesTest {
    private static final NetworkSpec IDENTITY = NetworkSpec.of(Activation.LINEAR, Activation.LINEAR, Cost.QUADRATIC, 2, 6, 6, 6, 2);

    /** A backend that is not the reference, declaring what it is given. */
    private static ForwardingBackend declaring(BackendCapabilities capabilities) {
        return new ForwardingBackend(IDENTITY) {
            @Override
            public BackendCapabilities capabilities() {
                return capabilities;
            }
        };
    }

    private static TrainingResult divergingRun(ForwardingBackend backend, int[] batchesSeen) {
        Examples.TrainTest identity = Examples.identity(1, 500, 50);
        TrainingConfig c = TrainingConfig.builder().setEpochs(5).setBatchSize(10).setLearningRate(1e6).build();
        Parameters start = WeightInit.NORMAL_SCALED.initialise(IDENTITY, new Random(1));
        Trainer trainer = new Trainer(c).addListener(new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int batchesPerEpoch) {
                batchesSeen[0]++;
            }
        });
        TrainingResult r = trainer.train(backend, start, new TrainingData(identity.train(), null, null));
        assertEquals(TrainingResult.StopReason.DIVERGED, r.stop(), r.message());
        assertEquals(start, r.parameters(), "the parameters from before the epoch");
        return r;
    }

    @Test
    void a_backend_that_declares_free_cost_reads_stops_in_the_batch_that_diverged() {
        int[] batchesSeen = {0};
        TrainingResult r = divergingRun(declaring(BackendCapabilities.IMMEDIATE), batchesSeen);
        assertTrue(r.message().matches("Training diverged in epoch 1, batch \\d+ of 50 \\(the cost became (NaN|Infinity)\\).*"), r.message());
        assertTrue(batchesSeen[0] < 49, "stopped in the batch that diverged, after " + batchesSeen[0] + " of 50");
    }

    @Test
    void a_backend_that_queues_its_work_is_checked_at_the_end_of_the_epoch() {
        int[] batchesSeen = {0};
        TrainingResult r = divergingRun(declaring(BackendCapabilities.QUEUED), batchesSeen);
        assertTrue(r.message().startsWith("Training diverged in epoch 1 (the cost became "), r.message());
        assertEquals(50, batchesSeen[0], "every batch of the epoch ran");
    }

    @Test
    void early_stopping_stops_once_patience_epochs_have_not_beaten_the_best() {
        KeepBest best = new KeepBest(false, TrainingState.fresh(new Parameters(IDENTITY)));
        EarlyStopping policy = new EarlyStopping(2);
        List<EpochResult> history = new ArrayList<>();
        double[] costs = {0.5, 0.4, 0.45, 0.41};
        List<StopPolicy.Stop> stops = new ArrayList<>();
        for (int e = 1; e <= costs.length; e++) {
            EpochResult result = new EpochResult(e, 0.1, costs[e - 1], null, null, 1, 1);
            history.add(result);
            best.afterEpoch(result, history, null);
            stops.add(policy.afterEpoch(result, best));
        }
        assertNull(stops.get(0));
        assertNull(stops.get(1));
        assertNull(stops.get(2), "one epoch since the best, epoch 2");
        assertEquals(TrainingResult.StopReason.EARLY_STOPPED, stops.get(3).reason());
        assertEquals("Stopped early after epoch 4: no lower training cost for 2 epochs; keeping epoch 2.", stops.get(3).message().render(SettingWords.JAVA));
    }
}
