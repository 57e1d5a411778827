package dev.mlp4j.core.reliability;

import dev.mlp4j.core.backend.BackendInfo;
import dev.mlp4j.core.backend.BackendUnavailableException;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.testing.ForwardingBackend;
import dev.mlp4j.core.train.TrainingConfig;
import dev.mlp4j.core.train.TrainingData;
import dev.mlp4j.core.train.TrainingListener;
import dev.mlp4j.core.train.TrainingResult;
import dev.mlp4j.core.train.TrainingState;
import dev.mlp4j.core.train.Trainer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A device that is lost in the middle of a run, injected through the one seam every backend shares: the run stops
 * with a sentence naming the epoch and the cause, and keeps the parameters from before the failed epoch.
 */
class DeviceLostTest {

    @Test
    void a_backend_lost_mid_epoch_stops_training_and_keeps_the_last_completed_epoch() {
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 5, 1);
        Examples.TrainTest circle = Examples.circle(3, 700, 300);
        TrainingConfig config = TrainingConfig.builder().setEpochs(5).setBatchSize(10).setLearningRate(2.0).optMomentum(0.5).build();
        int batchesPerEpoch = 70;
        // Lost in the middle of the third epoch.
        FailingBackend backend = new FailingBackend(spec, 2 * batchesPerEpoch + 33);
        List<Parameters> afterEpoch = new ArrayList<>();
        Trainer trainer = new Trainer(config);
        trainer.addListener(new TrainingListener() {
            @Override
            public boolean wantsState() {
                return true;
            }

            @Override
            public void onEpochState(TrainingState state) {
                afterEpoch.add(state.parameters());
            }
        });
        TrainingResult result = trainer.train(backend, config.init().initialise(spec, new Random(1)),
                new TrainingData(circle.train(), null, circle.test()));

        assertEquals(TrainingResult.StopReason.BACKEND_FAILED, result.stop());
        assertTrue(result.message().contains("epoch 3") && result.message().contains("device lost")
                && result.message().contains("Run again with Backends.select(core)"), result.message());
        assertTrue(result.message((setting, value) -> "<" + setting + " " + value + ">").contains("Run again with <BACKEND core>, or resume"),
                result.message());
        assertEquals(2, result.history().size(), "two epochs completed");
        assertEquals(afterEpoch.get(1), result.parameters(), "the parameters after epoch 2 are kept, bit for bit");
        assertNull(result.parameters().firstNonFinite());
    }

    /** Works as the reference does until its n-th step, then fails as a lost OpenCL device does. */
    private static final class FailingBackend extends ForwardingBackend {
        private final int failAtStep;
        private boolean lost;

        FailingBackend(NetworkSpec spec, int failAtStep) {
            super(spec);
            this.failAtStep = failAtStep;
        }

        @Override
        protected void beforeCall() {
            if (lost) {
                throw new BackendUnavailableException("OpenCL failed on the test device (CL_DEVICE_NOT_AVAILABLE: device lost)");
            }
        }

        @Override
        public BackendInfo info() {
            return new BackendInfo("failing", "a device that is lost", "float64");
        }

        @Override
        public void trainBatch(int[] order, int from, int to, StepSettings settings) {
            lost |= steps + 1 == failAtStep;
            super.trainBatch(order, from, to, settings);
        }
    }
}
