package dev.mlp4j.core.train;

import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.DataLocator;
import dev.mlp4j.core.data.Mnist;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nielsen's chapter-1 network on real MNIST: 784-30-10 sigmoid, quadratic cost, η = 3.0, m = 10. His run reaches
 * about 95 % within a few epochs; this asserts at least 94 % after at most 5. Runs only where MNIST is found
 * (-Dmlp4j.data, MLP4J_DATA, ../shared/mnist from the project root, or ~/.mlp4j/data/mnist); skipped otherwise.
 */
@Tag("mnist")
class MnistAccuracyTest {
    private static final double REQUIRED_ACCURACY = 0.94;
    private static final int MAX_EPOCHS = 5;

    @Test
    void nielsens_chapter_1_network_reaches_94_percent_test_accuracy_within_5_epochs() {
        var mnistDir = DataLocator.find(null, DataLocator.Dataset.MNIST);
        if (mnistDir == null) {
            String looked = DataLocator.candidates(null, DataLocator.Dataset.MNIST).stream()
                    .map(c -> Paths.get(c[0]).toAbsolutePath().normalize() + " (" + c[1] + ")")
                    .collect(Collectors.joining(", "));
            Assumptions.assumeTrue(false, "MNIST not found: looked in " + looked + "; set -Dmlp4j.data=DIR or MLP4J_DATA");
        }
        Mnist mnist = Mnist.load(mnistDir);
        assertEquals(50_000, mnist.train().size());
        assertEquals(10_000, mnist.validation().size());
        assertEquals(10_000, mnist.test().size());

        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, 784, 30, 10);
        TrainingConfig config = TrainingConfig.builder().setEpochs(MAX_EPOCHS).setBatchSize(10).setLearningRate(3.0)
                .optSeed(1).build();
        Parameters initial = config.init().initialise(spec, new Random(config.seed()));
        Trainer trainer = new Trainer(config);
        // Stop as soon as an epoch reaches the bar: "up to 5 epochs".
        trainer.addListener(new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult result) {
                if (result.test().accuracy() >= REQUIRED_ACCURACY + 0.005) {
                    trainer.cancel();
                }
            }
        });
        try (ReferenceBackend backend = new ReferenceBackend(spec)) {
            TrainingResult result = trainer.train(backend, initial, new TrainingData(mnist.train(), null, mnist.test()));
            assertNull(result.parameters().firstNonFinite());
            double reported = result.last().test().accuracy();
            backend.setParameters(result.parameters());
            Evaluation test = Evaluator.evaluate(backend, mnist.test());
            assertEquals(reported, test.accuracy(), "the kept parameters are the last epoch's");
            assertTrue(test.accuracy() >= REQUIRED_ACCURACY,
                    "test accuracy " + test.accuracy() + " after " + result.history().size() + " epochs");
            int confusionTotal = 0;
            for (int[] row : test.confusion()) {
                for (int count : row) {
                    confusionTotal += count;
                }
            }
            assertEquals(10_000, confusionTotal);
        }
    }
}
