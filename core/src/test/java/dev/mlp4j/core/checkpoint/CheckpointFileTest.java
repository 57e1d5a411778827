package dev.mlp4j.core.checkpoint;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.core.train.EpochResult;
import dev.mlp4j.core.train.Evaluation;
import dev.mlp4j.core.train.TrainingState;
import dev.mlp4j.core.train.checkpoint.Checkpoint;
import dev.mlp4j.core.train.checkpoint.CheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoints come back bit for bit, including the values JSON has no numbers for, and bad files are refused. */
class CheckpointFileTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 3, 4, 2);

    private static Parameters random(long seed) {
        Parameters p = WeightInit.NORMAL.initialise(SPEC, new Random(seed));
        p.weights(0)[0] = -0.0;
        p.weights(0)[1] = Double.MIN_VALUE;
        p.biases(1)[1] = 0.1 + 0.2;
        return p;
    }

    private static Checkpoint sample() {
        int[][] confusion = {{5, 1}, {2, 7}};
        List<EpochResult> history = List.of(
                new EpochResult(1, 0.5, 0.6931471805599453, new Evaluation(15, Double.POSITIVE_INFINITY, 0.8, 0.1 + 0.2, confusion),
                        new Evaluation(15, 0.25, Double.NaN, 1e-300, null), 0.012, 12345.678),
                new EpochResult(2, 0.25, 0.5, null, new Evaluation(15, 0.2, 0.8666666666666667, 0.05, confusion), 0.011, 1e5));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("seed", "-9223372036854775808");
        context.put("lr", 0.1 + 0.2);
        context.put("epochs", 30);
        context.put("example", null);
        context.put("quote", "a \"b\"\n");
        TrainingState state = new TrainingState(2, random(1), random(2), random(3), history);
        return new Checkpoint(state, context);
    }

    @Test
    void save_then_load_gives_back_every_bit(@TempDir Path dir) throws IOException {
        Checkpoint saved = sample();
        CheckpointFile.save(saved, dir);
        Checkpoint loaded = CheckpointFile.load(dir);

        assertEquals(SPEC, loaded.spec());
        assertEquals(2, loaded.state().epochsDone());
        assertEquals(saved.state().parameters(), loaded.state().parameters());
        assertEquals(saved.state().velocities(), loaded.state().velocities());
        assertEquals(saved.state().best(), loaded.state().best());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(loaded.state().parameters().weights(0)[0]));
        assertEquals(2, loaded.state().history().size());
        for (int i = 0; i < 2; i++) {
            EpochResult a = saved.state().history().get(i);
            EpochResult b = loaded.state().history().get(i);
            assertEquals(a.epoch(), b.epoch());
            assertEquals(a.learningRate(), b.learningRate());
            assertEquals(a.trainingCost(), b.trainingCost());
            assertEquals(a.score(), b.score());
            assertEquals(a.examplesPerSecond(), b.examplesPerSecond());
            assertEquals(a.test().cost(), b.test().cost());
            assertEquals(a.test().accuracy(), b.test().accuracy());
            assertEquals(a.test().meanSquaredError(), b.test().meanSquaredError());
        }
        EpochResult first = loaded.state().history().get(0);
        assertEquals(Double.POSITIVE_INFINITY, first.validation().cost());
        assertTrue(Double.isNaN(first.test().accuracy()));
        assertNull(first.test().confusion());
        assertArrayEquals(new int[] {2, 7}, first.validation().confusion()[1]);
        assertNull(loaded.state().history().get(1).validation());
        assertEquals(saved.state().bestEpoch(), loaded.state().bestEpoch());

        assertEquals("-9223372036854775808", loaded.context().get("seed"));
        assertEquals(0.1 + 0.2, loaded.context().get("lr"));
        assertEquals(30.0, loaded.context().get("epochs"));
        assertTrue(loaded.context().containsKey("example"));
        assertNull(loaded.context().get("example"));
        assertEquals("a \"b\"\n", loaded.context().get("quote"));
    }

    @Test
    void a_network_with_an_activation_per_hidden_layer_comes_back_as_version_2_and_one_activation_stays_version_1() {
        NetworkSpec mixed = NetworkSpec.of(List.of(Activation.RELU, Activation.TANH), Activation.SIGMOID, Cost.CROSS_ENTROPY, 3, 4, 4, 1);
        Parameters p = WeightInit.NORMAL.initialise(mixed, new Random(4));
        Checkpoint saved = new Checkpoint(new TrainingState(0, p, new Parameters(mixed), p, List.of()), Map.of());
        String text = CheckpointFile.toJson(saved);
        assertTrue(text.contains("\"version\": 2,") && text.contains("\"hidden\": [\"relu\", \"tanh\"]"), text);
        Checkpoint loaded = CheckpointFile.fromJson("c.json", text);
        assertEquals(mixed, loaded.spec());
        assertEquals(p, loaded.state().parameters());
        assertTrue(CheckpointFile.toJson(sample()).contains("\"version\": 1,"));
        // A list in a version-1 file is not that version's format.
        assertTrue(refused(text.replace("\"version\": 2", "\"version\": 1")).contains("'network.hidden' should be a string"));
    }

    @Test
    void saving_again_replaces_the_file_and_leaves_no_temporary_file(@TempDir Path dir) throws IOException {
        CheckpointFile.save(sample(), dir);
        CheckpointFile.save(sample(), dir);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(CheckpointFile.file(dir)), files.toList());
        }
        assertEquals(CheckpointFile.load(dir).state().parameters(), CheckpointFile.load(CheckpointFile.file(dir)).state().parameters());
    }

    @Test
    void a_folder_without_a_checkpoint_is_refused_saying_how_to_make_one(@TempDir Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CheckpointFile.load(dir));
        assertTrue(e.getMessage().contains("no checkpoint there") && e.getMessage().contains("Trainer.run and CheckpointFile.save("), e.getMessage());
    }

    @Test
    void newer_versions_other_formats_and_inconsistent_histories_are_refused() {
        String text = CheckpointFile.toJson(sample());
        assertTrue(refused(text.replace("\"version\": 1", "\"version\": " + (CheckpointFile.VERSION + 1))).contains("newer mlp4j"));
        assertTrue(refused(text.replace("\"mlp4j-checkpoint\"", "\"mlp4j-model\"")).contains("not an mlp4j checkpoint"));
        assertTrue(refused(text.replace("\"epochsDone\": 2", "\"epochsDone\": 3")).contains("'epochsDone' is 3 but the history holds 2"));
        assertTrue(refused(text.replace("\"epoch\": 2", "\"epoch\": 5")).contains("'history[1].epoch' is 5 but should be 2"));
        assertTrue(refused(text.replace("\"learningRate\": 0.25", "\"learningRate\": \"fast\"")).contains("'history[1].learningRate' should be a number"));
        assertTrue(refused(text.replace("\"velocities\"", "\"velocitiez\"")).contains("'velocities' is missing"));
        String shortBias = text.replaceFirst("(\"best\": \\{\"weights\"[\\s\\S]*?\"biases\": \\[\\s*)\\[[^\\]]*\\]", "$1[1.0]");
        assertTrue(refused(shortBias).contains("'best.biases[0]' has 1 entries but should have 4"), refused(shortBias));
    }

    private static String refused(String text) {
        return assertThrows(InvalidInputException.class, () -> CheckpointFile.fromJson("c.json", text)).getMessage();
    }
}
