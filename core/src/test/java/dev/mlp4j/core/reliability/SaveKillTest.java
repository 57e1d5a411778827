package dev.mlp4j.core.reliability;

import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process killed with -9 at a random moment while it saves a model over and over leaves a file that loads
 * completely: one of the two models it was saving, bit for bit, never a torn mix. (Leftover temporary files are
 * allowed: a killed process cannot clean up; they are named .mlp4j-*.tmp and never read.)
 */
class SaveKillTest {
    /** 784-300-10: about 240,000 parameters, a 5 MB file whose save takes long enough to be hit mid-way. */
    static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 784, 300, 10);
    static final int KILLS = 8;

    static Model model(int which) {
        Parameters p = WeightInit.NORMAL.initialise(SPEC, new Random(100 + which));
        return new Model(SPEC, p, Map.of("which", which));
    }

    @Test
    void a_save_killed_at_random_moments_always_leaves_a_complete_model(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.json");
        Model[] models = {model(0), model(1)};
        Random random = new Random(7);
        int[] savesBeforeKill = new int[KILLS];
        for (int k = 0; k < KILLS; k++) {
            int delay = random.nextInt(600);
            int kill = k;
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                Process p = ChildJvm.builder(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), SaveLoopMain.class,
                        file.toString()).redirectErrorStream(true).start();
                AtomicInteger saves = new AtomicInteger();
                StringBuilder other = new StringBuilder();
                Thread reader = new Thread(() -> {
                    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = out.readLine()) != null; ) {
                            if (line.startsWith("saved ")) {
                                saves.incrementAndGet();
                            } else {
                                other.append(line).append('\n');
                            }
                        }
                    } catch (IOException e) {
                        // The stream closes when the child dies.
                    }
                });
                reader.start();
                while (saves.get() == 0 && p.isAlive()) {
                    Thread.sleep(5);
                }
                assertTrue(saves.get() > 0, "the child saved nothing: " + other);
                Thread.sleep(delay);
                p.destroyForcibly();
                p.waitFor();
                reader.join();
                savesBeforeKill[kill] = saves.get();
            });
            Model loaded = ModelFile.load(file);
            int which = ((Number) loaded.training().get("which")).intValue();
            assertEquals(models[which].parameters(), loaded.parameters(), "kill " + k + " after " + delay + " ms");
            assertEquals(models[which].spec(), loaded.spec());
        }
        // The kills fell at different points of the save loop, not all before the second save.
        assertTrue(Arrays.stream(savesBeforeKill).distinct().count() > 1, Arrays.toString(savesBeforeKill));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.allMatch(f -> f.equals(file) || f.getFileName().toString().matches("\\.mlp4j-.*\\.tmp")));
        }
    }
}
