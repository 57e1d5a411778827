package dev.mlp4j.cli.options;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlp4j.cli.CliRun;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.check.RandomBatch;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.nn.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --hidden relu,sigmoid: one activation per hidden layer on every command that describes a network. */
class PerLayerActivationsTest {
    private static final NetworkSpec RELU_SIGMOID_CIRCLE = NetworkSpec.of(List.of(Activation.RELU, Activation.SIGMOID),
            Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 5, 1);

    @Test
    void train_takes_one_activation_per_hidden_layer_and_saves_them_in_the_model(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.json");
        CliRun r = CliRun.of("train", "--example", "circle", "--hidden", "relu,sigmoid", "--epochs", "2", "--backend", "core",
                "--save", model.toString(), "--no-progress", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("network: 2,5,5,1 relu,sigmoid/sigmoid cross-entropy"), r.out());
        assertEquals(RELU_SIGMOID_CIRCLE, ModelFile.load(model).spec());
        assertTrue(Files.readString(model).contains("\"hidden\": [\"relu\", \"sigmoid\"]"));
        CliRun eval = CliRun.of("eval", "--model", model.toString(), "--example", "circle", "--backend", "core", "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        assertEquals(r.json().get("testAccuracy").asDouble(), eval.json().get("testAccuracy").asDouble(), 1e-12);
    }

    @Test
    void a_list_of_another_length_than_the_hidden_layers_is_a_usage_error_in_one_sentence() {
        for (String[] args : List.of(
                new String[] {"train", "--example", "circle", "--hidden", "relu,sigmoid,tanh", "--backend", "core"},
                new String[] {"gradcheck", "--layers", "4,5,5,3", "--hidden", "relu,sigmoid,tanh"},
                new String[] {"diagnose", "--layers", "2,5,5,1", "--hidden", "relu,sigmoid,tanh", "--example", "circle"})) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("3 hidden activations (relu,sigmoid,tanh) are given for the 2 hidden layers of")
                    && r.err().contains("give one activation for all hidden layers, or one for each of the 2 (e.g. relu,sigmoid)"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace without --verbose");
        }
    }

    @Test
    void gradcheck_checks_a_network_with_an_activation_per_hidden_layer() {
        CliRun r = CliRun.of("gradcheck", "--layers", "4,5,5,3", "--hidden", "relu,tanh", "--output", "softmax",
                "--cost", "log-likelihood", "--json");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.json().get("networks").asInt());
        assertEquals(4 * 5 + 5 + 5 * 5 + 5 + 5 * 3 + 3, r.json().get("checked").asInt());
        assertTrue(r.out().contains("relu,tanh"), r.out());
    }

    @Test
    void diagnose_describes_a_network_with_an_activation_per_hidden_layer() {
        CliRun r = CliRun.of("diagnose", "--layers", "2,5,5,1", "--hidden", "relu,sigmoid", "--example", "circle", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode hidden = r.json().get("network").get("hidden");
        assertTrue(hidden.isArray(), hidden.toString());
        assertEquals("[\"relu\",\"sigmoid\"]", hidden.toString());
        assertEquals("sigmoid", CliRun.of("diagnose", "--layers", "2,5,1", "--example", "circle", "--json")
                .json().get("network").get("hidden").asText(), "one activation stays a name");
    }

    @Test
    void verify_agrees_with_the_reference_gradient_of_a_mixed_network(@TempDir Path dir) throws Exception {
        NetworkSpec spec = NetworkSpec.of(List.of(Activation.TANH, Activation.RELU), Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 3, 4, 4, 3);
        Random random = new Random(8);
        Parameters p = WeightInit.NORMAL_SCALED.initialise(spec, random);
        Batch batch = RandomBatch.of(spec, 2, random);
        Gradients g;
        try (ReferenceBackend reference = new ReferenceBackend(spec)) {
            reference.setParameters(p);
            g = reference.gradients(batch, StepSettings.NONE);
        }
        Path file = dir.resolve("net.json");
        Files.writeString(file, verifyFile(spec, p, batch, g));
        CliRun r = CliRun.of("verify", "--json", file.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.json().get("match").asBoolean());
        assertEquals("[\"tanh\",\"relu\"]", r.json().get("network").get("hidden").toString());
    }

    @Test
    void resume_accepts_the_checkpoints_hidden_list_and_refuses_another(@TempDir Path dir) {
        Path ck = dir.resolve("ck");
        CliRun first = CliRun.of("train", "--example", "circle", "--hidden", "relu,sigmoid", "--epochs", "1", "--backend", "core",
                "--checkpoint", ck.toString(), "--no-progress");
        assertEquals(0, first.exitCode(), first.err());
        CliRun other = CliRun.of("train", "--resume", ck.toString(), "--hidden", "relu", "--no-progress");
        assertEquals(2, other.exitCode());
        assertTrue(other.err().contains("--hidden contradicts the checkpoint, which was trained with hidden relu,sigmoid"), other.err());
        CliRun tooMany = CliRun.of("train", "--resume", ck.toString(), "--hidden", "relu,sigmoid,tanh", "--no-progress");
        assertEquals(2, tooMany.exitCode());
        assertTrue(tooMany.err().contains("3 hidden activations (relu,sigmoid,tanh) are given for the 2 hidden layers"), tooMany.err());
        CliRun same = CliRun.of("train", "--resume", ck.toString(), "--hidden", "relu, sigmoid", "--epochs", "2", "--backend", "core",
                "--no-progress");
        assertEquals(0, same.exitCode(), same.err());
    }

    /** A verify file as docs/verify.md lays it out: weights[i][j][k] from neuron j of layer i to neuron k of layer i+1. */
    private static String verifyFile(NetworkSpec spec, Parameters p, Batch batch, Gradients g) {
        StringBuilder sb = new StringBuilder("{\"layers\": ").append(spec.layers()).append(", \"hidden\": [");
        for (int i = 0; i < spec.hiddenActivations().size(); i++) {
            sb.append(i == 0 ? "\"" : ", \"").append(spec.hiddenActivations().get(i).id()).append('"');
        }
        sb.append("], \"output\": \"").append(spec.output().id()).append("\", \"cost\": \"").append(spec.cost().id()).append('"');
        sb.append(", \"weights\": ").append(fromTo(spec, (l, j, k) -> p.weight(l, j, k)));
        sb.append(", \"biases\": ").append(biases(spec, p::biases));
        sb.append(", \"inputs\": ").append(rows(batch.inputs(), batch.inputSize()));
        sb.append(", \"targets\": ").append(rows(batch.targets(), batch.outputSize()));
        sb.append(", \"reduction\": \"mean\", \"gradients\": {\"weights\": ").append(fromTo(spec, g::weight));
        sb.append(", \"biases\": ").append(biases(spec, l -> g.biases()[l])).append("}}");
        return sb.toString();
    }

    private interface Entry {
        double at(int l, int to, int from);
    }

    private static String fromTo(NetworkSpec spec, Entry e) {
        StringBuilder sb = new StringBuilder("[");
        for (int l = 0; l < spec.depth(); l++) {
            sb.append(l == 0 ? "[" : ", [");
            for (int from = 0; from < spec.size(l); from++) {
                sb.append(from == 0 ? "[" : ", [");
                for (int to = 0; to < spec.size(l + 1); to++) {
                    sb.append(to == 0 ? "" : ", ").append(e.at(l, to, from));
                }
                sb.append(']');
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    private static String biases(NetworkSpec spec, IntFunction<double[]> layer) {
        StringBuilder sb = new StringBuilder("[");
        for (int l = 0; l < spec.depth(); l++) {
            sb.append(l == 0 ? "" : ", ").append(Arrays.toString(layer.apply(l)));
        }
        return sb.append(']').toString();
    }

    private static String rows(double[] values, int width) {
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < values.length / width; r++) {
            sb.append(r == 0 ? "" : ", ").append(Arrays.toString(Arrays.copyOfRange(values, r * width, (r + 1) * width)));
        }
        return sb.append(']').toString();
    }
}
