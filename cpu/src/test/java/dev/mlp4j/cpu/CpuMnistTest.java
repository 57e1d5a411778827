package dev.mlp4j.cpu;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendProvider;
import dev.mlp4j.core.data.DataLocator;
import dev.mlp4j.core.data.Mnist;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.train.TrainingConfig;
import dev.mlp4j.core.train.TrainingData;
import dev.mlp4j.core.train.TrainingResult;
import dev.mlp4j.core.train.Trainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A short MNIST run on the cpu backend: relu, softmax, momentum and dropout train to a sane accuracy. */
@Tag("mnist")
class CpuMnistTest {

    @Test
    void two_epochs_of_a_relu_network_reach_96_percent() {
        Path dir = DataLocator.find(null, DataLocator.Dataset.MNIST);
        assumeTrue(dir != null, "MNIST not found (set -Dmlp4j.data=DIR or MLP4J_DATA, or run ./mlp4j download)");
        CpuProvider provider = new CpuProvider();
        BackendProvider.Availability a = provider.availability(BackendOptions.DEFAULT);
        assumeTrue(a.available(), "the cpu backend cannot run here: " + a.reason());
        Mnist mnist = Mnist.load(dir);
        TrainingData data = new TrainingData(mnist.train(), null, mnist.test());
        NetworkSpec spec = NetworkSpec.of(Activation.RELU, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 784, 256, 128, 10);
        TrainingConfig config = TrainingConfig.builder().setEpochs(2).setBatchSize(32).setLearningRate(0.05)
                .optMomentum(0.9).optDropout(0.1).optL2(1.0).optSeed(1).build();
        Parameters initial = config.init().initialise(spec, new Random(1));
        TrainingResult result;
        try (Backend cpu = provider.create(spec, BackendOptions.DEFAULT)) {
            result = new Trainer(config).train(cpu, initial, data);
        }
        double accuracy = result.last().test().accuracy();
        assertTrue(accuracy >= 0.96, "test accuracy after two epochs: " + accuracy);
    }
}
