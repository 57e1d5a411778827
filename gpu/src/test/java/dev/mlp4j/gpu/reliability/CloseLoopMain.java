package dev.mlp4j.gpu.reliability;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.gpu.testing.TestDevices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Run in a child JVM whose heap is fixed and pre-touched (so the Java heap cannot move its resident size): creates,
 * uses and closes the backend named by the first argument as many times as the second says, printing "rss KB"
 * after each round.
 */
public final class CloseLoopMain {
    static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 784, 300, 10);

    private CloseLoopMain() {
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    public static void main(String[] args) throws IOException {
        String kind = args[0];
        int rounds = Integer.parseInt(args[1]);
        Random random = new Random(1);
        Parameters p = WeightInit.NORMAL_SCALED.initialise(SPEC, random);
        int n = 200;
        float[] x = new float[n * 784];
        int[] labels = new int[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(10);
            x[i * 784 + random.nextInt(784)] = 1f;
            order[i] = i;
        }
        DataSet train = DataSet.classification("leak", 784, 10, x, labels);
        for (int round = 0; round < rounds; round++) {
            try (Backend b = TestDevices.open(kind, SPEC)) {
                b.setParameters(p);
                b.bindTrainingSet(train);
                b.trainBatch(order, 0, 50, new StepSettings(0.1, 0.5, 0.0, 0.0, round));
                b.drainCostSum();
                b.parameters();
            }
            System.out.println("rss " + rssKb());
        }
    }
}
