package dev.mlp4j.core.reliability;

import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.Mnist;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.train.Trainer;
import dev.mlp4j.core.train.TrainingConfig;
import dev.mlp4j.core.train.TrainingData;
import dev.mlp4j.core.train.TrainingResult;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Random;

/**
 * Run in a child JVM with -Xmx1g: loads the MNIST folder named by the first argument and trains one epoch of
 * 784-100-10 (the CLI's preset) on the reference backend, scoring validation and test; prints the peak heap.
 */
public final class MnistEpochMain {
    private MnistEpochMain() {
    }

    public static void main(String[] args) {
        Mnist mnist = Mnist.load(Path.of(args[0]));
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 784, 100, 10);
        TrainingConfig config = TrainingConfig.builder().setEpochs(1).setBatchSize(10).setLearningRate(0.5).optL2(5.0).build();
        TrainingResult r;
        try (ReferenceBackend backend = new ReferenceBackend(spec)) {
            r = new Trainer(config).train(backend, config.init().initialise(spec, new Random(1)),
                    new TrainingData(mnist.train(), mnist.validation(), mnist.test()));
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("trained %d epoch(s), test accuracy %.4f, peak heap %d MB%n", r.history().size(),
                r.last().test().accuracy(), peak >> 20);
    }
}
