package dev.mlp4j.cli.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlp4j.cli.CliRun;
import dev.mlp4j.core.data.DataLocator;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** diagnose on new networks, saved models and verify files, over generated data and (when present) MNIST. */
class DiagnoseCommandTest {

    @Test
    void a_new_network_on_the_circle_problem_is_clean() {
        CliRun run = CliRun.of("diagnose", "--layers", "2,5,1", "--example", "circle", "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("found nothing"), run.out());
        JsonNode j = run.json();
        assertEquals("diagnose", j.get("command").asText());
        assertEquals("layers", j.get("source").asText());
        assertEquals("normal-scaled", j.get("init").asText());
        assertEquals(500, j.get("examples").asInt());
        assertEquals(2, j.get("layers").size());
        assertTrue(j.get("findings").isEmpty());
        assertTrue(j.get("clean").asBoolean());
        assertTrue(j.get("layers").get(0).get("dead").isNull(), "no relus: null, not NaN");
    }

    @Test
    void a_saved_model_with_huge_weights_is_found_saturated(@TempDir Path dir) throws Exception {
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 8, 1);
        Parameters p = WeightInit.NORMAL_SCALED.initialise(spec, new Random(3));
        for (int i = 0; i < p.weights(0).length; i++) {
            p.weights(0)[i] *= 30;
        }
        Path model = dir.resolve("m.json");
        ModelFile.save(new Model(spec, p, Map.of()), model);
        CliRun run = CliRun.of("diagnose", "--model", model.toString(), "--example", "circle", "--batches", "2", "--batch", "50", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode f = run.json().get("findings");
        assertEquals("saturated", f.get(0).get("kind").asText());
        assertEquals(1, f.get(0).get("layer").asInt());
        assertTrue(f.get(0).get("value").asDouble() > 0.5, f.toString());
        assertTrue(f.get(0).get("advice").asText().startsWith("layer 1: "), f.toString());
        assertTrue(run.out().contains("findings:\n  layer 1: "), run.out());
        // The table and the finding write the share alike.
        String share = String.format(java.util.Locale.ROOT, "%.1f %%", 100 * run.json().get("layers").get(0).get("saturated").asDouble());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("1 ") && l.contains(" " + share + " ")), share + "\n" + run.out());
        assertTrue(f.get(0).get("advice").asText().startsWith("layer 1: " + share + " of sigmoid units saturated"), share + ": " + f);
    }

    @Test
    void a_verify_files_own_unscaled_examples_are_found(@TempDir Path dir) throws Exception {
        String text = Files.readString(Fixtures.path("verify/step-correct.json"))
                .replace("[0.5, 0.25]", "[128, 64]").replace("[0.1, 0.9]", "[25, 230]");
        Path file = dir.resolve("raw.json");
        Files.writeString(file, text);
        CliRun run = CliRun.of("diagnose", "--verify-file", file.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("data: the verify file's 4 examples"), run.out());
        JsonNode j = run.json();
        assertEquals("verify-file", j.get("source").asText());
        assertEquals(230.0, j.get("input").get("max").asDouble());
        assertEquals("input-not-scaled", j.get("findings").get(0).get("kind").asText());
        assertEquals(0, j.get("findings").get(0).get("layer").asInt());
    }

    @Test
    void a_verify_files_learning_rate_is_the_one_the_update_ratios_are_for_unless_lr_is_given(@TempDir Path dir) throws Exception {
        String text = Files.readString(Fixtures.path("verify/step-correct.json"));
        assertTrue(text.contains("\"learningRate\": 0.5,"), "the fixture's η");
        Path file = dir.resolve("eta50.json");
        Files.writeString(file, text.replace("\"learningRate\": 0.5,", "\"learningRate\": 50,"));
        CliRun fromFile = CliRun.of("diagnose", "--verify-file", file.toString(), "--json");
        assertEquals(0, fromFile.exitCode(), fromFile.err());
        assertTrue(fromFile.out().contains("update ratios for learning rate 50.0 (the file's learningRate); nothing is trained"),
                fromFile.out());
        assertEquals(50.0, fromFile.json().get("lr").asDouble());
        assertEquals("update-too-large", fromFile.json().get("findings").get(0).get("kind").asText(), fromFile.out());
        assertFalse(fromFile.out().contains("found nothing"), fromFile.out());

        CliRun given = CliRun.of("diagnose", "--verify-file", file.toString(), "--lr", "0.5", "--json");
        assertEquals(0, given.exitCode(), given.err());
        assertTrue(given.out().contains("update ratios for learning rate 0.500; nothing is trained"), given.out());
        assertEquals(0.5, given.json().get("lr").asDouble());

        // A file without a learningRate: the default.
        CliRun noStep = CliRun.of("diagnose", "--verify-file", Fixtures.path("verify/correct.json").toString(), "--json");
        assertEquals(0, noStep.exitCode(), noStep.err());
        assertTrue(noStep.out().contains("update ratios for learning rate 0.500; nothing is trained"), noStep.out());
    }

    @Test
    void a_verify_files_learning_rate_without_a_step_is_the_one_the_update_ratios_are_for(@TempDir Path dir) throws Exception {
        // The file has learningRate but no "after": verify reads no step, yet the η is the user's.
        String text = Files.readString(Fixtures.path("verify/correct.json"));
        assertFalse(text.contains("learningRate") || text.contains("\"after\""), "the fixture has no step");
        Path file = dir.resolve("eta30.json");
        Files.writeString(file, text.replaceFirst("\\{", "{\"learningRate\": 30, "));
        CliRun run = CliRun.of("diagnose", "--verify-file", file.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("update ratios for learning rate 30.0 (the file's learningRate); nothing is trained"), run.out());
        assertEquals(30.0, run.json().get("lr").asDouble());
        CliRun given = CliRun.of("diagnose", "--verify-file", file.toString(), "--lr", "0.1", "--json");
        assertEquals(0.1, given.json().get("lr").asDouble());
        // One that is not a positive number is not used, and the output says so.
        Files.writeString(file, text.replaceFirst("\\{", "{\"learningRate\": -1, "));
        CliRun bad = CliRun.of("diagnose", "--verify-file", file.toString(), "--json");
        assertEquals(0, bad.exitCode(), bad.err());
        assertEquals(0.5, bad.json().get("lr").asDouble());
        assertTrue(bad.out().contains("note: the file's learningRate -1 is not a positive number; the update ratios are for 0.5"),
                bad.out());
    }

    @Test
    void advice_for_a_verify_files_network_says_what_to_do_to_hand_written_weights() {
        CliRun run = CliRun.of("diagnose", "--verify-file", Fixtures.path("verify/raw-pixels.json").toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode findings = run.json().get("findings");
        boolean drawn = false;
        for (JsonNode f : findings) {
            String advice = f.get("advice").asText();
            assertFalse(advice.contains("(--init"), advice);
            drawn |= advice.contains("draw the weights with standard deviation 1/√16 = 0.25 (mlp4j's --init normal-scaled)");
        }
        assertTrue(drawn, findings.toString());
    }

    @Test
    void a_wide_network_at_the_recommended_initialisation_is_clean_and_no_advice_repeats_the_init_in_use() {
        for (String init : new String[] {"normal-scaled", "xavier"}) {
            for (String layers : new String[] {"2,1000,1", "2,300,300,1", "2,100,100,100,1"}) {
                CliRun run = CliRun.of("diagnose", "--layers", layers, "--init", init, "--example", "circle", "--json");
                assertEquals(0, run.exitCode(), run.err());
                for (JsonNode f : run.json().get("findings")) {
                    assertFalse(f.get("kind").asText().equals("vanishing-gradient"), layers + " " + init + ": " + f);
                }
            }
        }
        // A deep sigmoid stack at normal-scaled does vanish: the advice neither repeats the init nor asks to
        // unsaturate units that are not saturated.
        CliRun deep = CliRun.of("diagnose", "--layers", "2,20,20,20,20,20,1", "--init", "normal-scaled", "--example", "circle", "--json");
        boolean vanishing = false;
        for (JsonNode f : deep.json().get("findings")) {
            String advice = f.get("advice").asText();
            assertFalse(advice.contains("--init normal-scaled"), advice);
            if (f.get("kind").asText().equals("vanishing-gradient")) {
                vanishing = true;
                assertFalse(advice.contains("unsaturate"), advice);
            }
        }
        assertTrue(vanishing, deep.out());
    }

    @Test
    void data_that_does_not_fit_a_verify_files_network_is_refused_in_the_verify_files_words() {
        String file = Fixtures.path("verify/step-correct.json").toString();
        CliRun example = CliRun.of("diagnose", "--verify-file", file, "--example", "circle");
        assertEquals(2, example.exitCode(), example.err());
        assertTrue(example.err().contains("The verify file's network 2,3,2 takes 2 inputs and gives 2 outputs, but each example of "
                + "--example circle has 2 values and 1 target; leave out --example to run the network on the file's own "
                + "examples, or give data with 2 values and 2 targets per example."), example.err());
        Path mini = Fixtures.miniMnist();
        CliRun mnist = CliRun.of("diagnose", "--verify-file", file, "--data", mini.toString());
        assertEquals(2, mnist.exitCode(), mnist.err());
        assertTrue(mnist.err().contains("each example of --data " + mini + " has 784 values and 10 targets; "
                + "leave out --data to run"), mnist.err());
        for (CliRun r : new CliRun[] {example, mnist}) {
            assertFalse(r.err().contains("model"), r.err());
        }
        // --dataset alone chooses data too, rather than being ignored for the file's own examples.
        CliRun dataset = CliRun.of("diagnose", "--verify-file", file, "--dataset", "nosuch");
        assertEquals(2, dataset.exitCode(), dataset.out());
        assertTrue(dataset.err().contains("Unknown data set 'nosuch'"), dataset.err());
    }

    @Test
    void usage_errors_exit_2_with_a_sentence() {
        assertTrue(CliRun.of("diagnose", "--example", "circle").err().contains("Say which network to diagnose"));
        assertEquals(2, CliRun.of("diagnose", "--example", "circle").exitCode());
        assertEquals(2, CliRun.of("diagnose", "--layers", "2,3,1", "--model", "x.json", "--example", "circle").exitCode());
        assertEquals(2, CliRun.of("diagnose", "--layers", "2,3,1", "--example", "circle", "--batches", "0").exitCode());
        assertEquals(2, CliRun.of("diagnose", "--layers", "2,3,1", "--example", "circle", "--init", "zeros").exitCode());
        assertEquals(2, CliRun.of("diagnose", "--layers", "2,3,1", "--example", "circle", "--lr", "-1").exitCode());
        CliRun misfit = CliRun.of("diagnose", "--layers", "3,3,1", "--example", "circle");
        assertEquals(2, misfit.exitCode());
        assertTrue(misfit.err().contains("start --layers with 2"), misfit.err());
        CliRun tooMany = CliRun.of("diagnose", "--layers", "2,3,1", "--example", "circle", "--batches", "100");
        assertEquals(2, tooMany.exitCode());
        assertTrue(tooMany.err().contains("need 10000 examples"), tooMany.err());
    }

    @Test
    @Tag("mnist")
    void on_mnist_uniform_initialisation_saturates_and_normal_scaled_is_clean() {
        Path mnist = DataLocator.find(null, DataLocator.Dataset.MNIST);
        Assumptions.assumeTrue(mnist != null, "MNIST not found (set -Dmlp4j.data=DIR or MLP4J_DATA); skipping");
        JsonNode uniform = CliRun.of("diagnose", "--layers", "784,30,10", "--init", "uniform", "--data", mnist.toString(), "--json").json();
        JsonNode first = uniform.get("findings").get(0);
        assertEquals("saturated", first.get("kind").asText());
        assertTrue(first.get("value").asDouble() > 0.3, first.toString());
        JsonNode scaled = CliRun.of("diagnose", "--layers", "784,30,10", "--init", "normal-scaled", "--data", mnist.toString(), "--json").json();
        assertTrue(scaled.get("clean").asBoolean(), scaled.toString());
        assertTrue(scaled.get("layers").get(0).get("saturated").asDouble() < 0.01);
        assertFalse(uniform.get("clean").asBoolean());
    }
}
