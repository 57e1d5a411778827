package dev.mlp4j.core.reliability;

import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.train.Evaluation;
import dev.mlp4j.core.train.Trainer;
import dev.mlp4j.core.train.TrainingConfig;
import dev.mlp4j.core.train.TrainingData;
import dev.mlp4j.core.train.TrainingResult;
import dev.mlp4j.core.train.checkpoint.Checkpoint;
import dev.mlp4j.core.train.checkpoint.CheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A training run killed with -9 at a random moment leaves a checkpoint that loads, and resuming from it ends with
 * exactly (bit for bit) the parameters and history of a run that was never interrupted. Core's own path:
 * {@link dev.mlp4j.core.train.Trainer} with a listener writing {@link CheckpointFile}s; the command line's
 * {@code train --checkpoint / --resume} has its own test in the cli module.
 */
class CheckpointKillTest {
    static final NetworkSpec SPEC = NetworkSpec.of(Activation.TANH, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 8, 8, 1);
    static final int EPOCHS = 150;
    static final int KILLS = 3;
    private static final Examples.TrainTest DATA = Examples.circle(3, 700, 300);

    static TrainingConfig config() {
        return TrainingConfig.builder().setEpochs(EPOCHS).setBatchSize(10).setLearningRate(1.0).optMomentum(0.6)
                .optDropout(0.1).optL2(0.5).optSeed(3).build();
    }

    static Parameters initial() {
        return config().init().initialise(SPEC, new Random(3));
    }

    static TrainingData data() {
        return new TrainingData(DATA.train(), null, DATA.test());
    }

    @Test
    void a_run_killed_at_random_moments_resumes_from_its_checkpoint_to_the_uninterrupted_result(@TempDir Path tmp) throws Exception {
        TrainingResult uninterrupted;
        try (ReferenceBackend backend = new ReferenceBackend(SPEC)) {
            uninterrupted = new Trainer(config()).train(backend, initial(), data());
        }
        Random random = new Random(3);
        for (int k = 0; k < KILLS; k++) {
            Path dir = tmp.resolve("run-" + k);
            int afterEpochs = 3 + random.nextInt(40);
            int delay = random.nextInt(50);
            int[] killedAfter = new int[1];
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                Process p = ChildJvm.builder(List.of("-Xmx128m", "-XX:+UseSerialGC"), CheckpointRunMain.class, dir.toString())
                        .redirectErrorStream(true).start();
                AtomicInteger epochs = new AtomicInteger();
                StringBuilder other = new StringBuilder();
                Thread reader = new Thread(() -> {
                    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = out.readLine()) != null; ) {
                            if (line.startsWith("epoch ")) {
                                epochs.set(Integer.parseInt(line.substring(6)));
                            } else {
                                other.append(line).append('\n');
                            }
                        }
                    } catch (IOException e) {
                        // The stream closes when the child dies.
                    }
                });
                reader.start();
                while (epochs.get() < afterEpochs && p.isAlive()) {
                    Thread.sleep(1);
                }
                Thread.sleep(delay);
                p.destroyForcibly();
                p.waitFor();
                reader.join();
                assertTrue(epochs.get() >= afterEpochs && epochs.get() < EPOCHS, "the child got to epoch " + epochs + " " + other);
                killedAfter[0] = epochs.get();
            });
            Checkpoint c = CheckpointFile.load(dir);
            // The kill may fall after a checkpoint was written but before "epoch N" was printed.
            assertTrue(c.state().epochsDone() >= killedAfter[0] && c.state().epochsDone() <= killedAfter[0] + 1,
                    "checkpoint after epoch " + c.state().epochsDone() + ", child said " + killedAfter[0]);
            TrainingResult resumed;
            try (ReferenceBackend backend = new ReferenceBackend(SPEC)) {
                resumed = new Trainer(config()).train(backend, c.state(), data());
            }
            assertEquals(uninterrupted.parameters(), resumed.parameters(), "killed after epoch " + c.state().epochsDone());
            assertEquals(uninterrupted.history().size(), resumed.history().size());
            for (int e = 0; e < EPOCHS; e++) {
                assertEquals(uninterrupted.history().get(e).trainingCost(), resumed.history().get(e).trainingCost(), "epoch " + (e + 1));
                Evaluation want = uninterrupted.history().get(e).test();
                Evaluation got = resumed.history().get(e).test();
                assertEquals(want.cost(), got.cost(), "epoch " + (e + 1));
                assertEquals(want.accuracy(), got.accuracy(), "epoch " + (e + 1));
                assertTrue(Arrays.deepEquals(want.confusion(), got.confusion()), "epoch " + (e + 1));
            }
        }
    }
}
