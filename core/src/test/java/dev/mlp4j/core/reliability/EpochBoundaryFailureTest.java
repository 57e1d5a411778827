package dev.mlp4j.core.reliability;

import dev.mlp4j.core.backend.BackendInfo;
import dev.mlp4j.core.backend.BackendUnavailableException;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.testing.ForwardingBackend;
import dev.mlp4j.core.train.EpochResult;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A device that runs out of memory between an epoch's steps — as it starts, or while it is scored — fails the run
 * as one that fails mid-epoch does: a result that says so, keeping the parameters of the last completed epoch, and
 * no exception that would lose them. After a kernel fault NVIDIA's driver fails every later call, so the failure
 * can surface on whichever call comes next.
 */
class EpochBoundaryFailureTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 1);
    private static final String OUT_OF_MEMORY = "The OpenCL device gpu0 ran out of memory while reading parameters";

    @Test
    void out_of_memory_as_an_epoch_starts_keeps_the_parameters_of_the_epoch_before() {
        FailingBackend backend = new FailingBackend();
        // From the end of epoch 2 on, every call fails: the next is whatever the trainer does first in epoch 3.
        TrainingResult result = train(backend, new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult epoch) {
                backend.failing |= epoch.epoch() == 2;
            }
        });
        assertKeptEpoch2(result);
    }

    @Test
    void out_of_memory_while_an_epoch_is_scored_keeps_the_parameters_of_the_epoch_before() {
        FailingBackend backend = new FailingBackend();
        backend.failForwardAfterSteps = 3 * 70; // the test set's scoring after epoch 3's steps
        assertKeptEpoch2(train(backend, new TrainingListener() {
        }));
    }

    private final List<Parameters> afterEpoch = new ArrayList<>();

    private TrainingResult train(FailingBackend backend, TrainingListener failure) {
        Examples.TrainTest circle = Examples.circle(3, 700, 300);
        TrainingConfig config = TrainingConfig.builder().setEpochs(5).setBatchSize(10).setLearningRate(2.0).optMomentum(0.5).build();
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
        trainer.addListener(failure);
        return trainer.train(backend, config.init().initialise(SPEC, new Random(1)),
                new TrainingData(circle.train(), null, circle.test()));
    }

    private void assertKeptEpoch2(TrainingResult result) {
        assertEquals(TrainingResult.StopReason.BACKEND_FAILED, result.stop(), result.message());
        assertTrue(result.message().contains("epoch 3") && result.message().contains(OUT_OF_MEMORY), result.message());
        assertEquals(2, result.history().size(), "two epochs completed");
        assertEquals(afterEpoch.get(1), result.parameters(), "the parameters after epoch 2 are kept, bit for bit");
    }

    /** The reference's arithmetic, failing as a device out of memory does once told to. */
    private static final class FailingBackend extends ForwardingBackend {
        boolean failing;
        int failForwardAfterSteps = Integer.MAX_VALUE;

        FailingBackend() {
            super(SPEC);
        }

        @Override
        protected void beforeCall() {
            if (failing) {
                throw new BackendUnavailableException(OUT_OF_MEMORY + " (CL_MEM_OBJECT_ALLOCATION_FAILURE); use a smaller batch.");
            }
        }

        @Override
        public double[] forward(Batch b) {
            failing |= steps >= failForwardAfterSteps;
            return super.forward(b);
        }

        @Override
        public BackendInfo info() {
            return new BackendInfo("failing", "a device out of memory", "float64");
        }
    }
}
