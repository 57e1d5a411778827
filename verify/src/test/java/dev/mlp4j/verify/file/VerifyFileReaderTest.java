package dev.mlp4j.verify.file;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading verify files: the hand-written layout turned into core's, and one sentence with the field path for every fault. */
class VerifyFileReaderTest {
    private static final String SMALL = """
            {"layers": [2, 3, 1], "hidden": "tanh", "output": "sigmoid", "cost": "cross-entropy",
             "weights": [[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], [[0.7], [0.8], [0.9]]],
             "biases": [[0.01, 0.02, 0.03], [0.04]],
             "input": [1.0, 0.5], "target": [1.0]%s}""";

    private static VerifyFile read(String extra) {
        return VerifyFileReader.fromJson("net.json", SMALL.formatted(extra));
    }

    private static String refused(String extra) {
        return assertThrows(InvalidInputException.class, () -> read(extra)).getMessage();
    }

    @Test
    void weights_from_j_to_k_land_in_cores_rows_of_the_next_layer() {
        VerifyFile f = read("");
        assertEquals(List.of(2, 3, 1), f.spec().layers());
        assertEquals(Activation.TANH, f.spec().hidden());
        assertEquals(Cost.CROSS_ENTROPY, f.spec().cost());
        // weights[0][1][2] = 0.6 goes from neuron 1 of layer 0 to neuron 2 of layer 1: core's weight(0, 2, 1).
        assertEquals(0.6, f.parameters().weight(0, 2, 1));
        assertEquals(0.2, f.parameters().weight(0, 1, 0));
        assertEquals(0.8, f.parameters().weight(1, 0, 1));
        assertEquals(0.04, f.parameters().biases(1)[0]);
        assertEquals(1, f.examples());
        assertEquals(Reduction.MEAN, f.reduction());
        assertNull(f.gradients());
        assertNull(f.step());
    }

    @Test
    void a_model_file_is_recognised_by_its_format_and_pointed_elsewhere() {
        String model = """
                {"format": "mlp4j-model", "version": 1, "network": {"layers": [2, 3, 1], "hidden": "sigmoid", "output": "sigmoid",
                 "cost": "cross-entropy"}, "training": {}, "weights": [], "biases": []}""";
        String m = assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("c.json", model)).getMessage();
        assertEquals("c.json is an mlp4j model file, not a verify file; verify takes a verify file (see docs/verify.md), "
                + "while eval, predict and diagnose --model take models.", m);
    }

    @Test
    void a_weight_matrix_stored_to_by_from_is_refused_with_the_hint_to_transpose() {
        String m = assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("net.json",
                SMALL.formatted("").replace("[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]", "[[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]"))).getMessage();
        assertEquals("net.json: 'weights[0]' has 3 rows of 2 but should have 2 rows of 3 (weights[i][j][k] is the weight "
                + "from neuron j of layer i to neuron k of layer i+1); it looks stored the other way round, so transpose it.", m);
    }

    @Test
    void a_gradient_stored_to_by_from_is_read_and_marked() {
        VerifyFile f = read(", \"gradients\": {\"weights\": [[[1, 4], [2, 5], [3, 6]], [[7], [8], [9]]], \"biases\": [[0, 0, 0], [0]]}");
        assertEquals(Set.of(0), f.gradients().transposedWeights());
        // Stored [to][from] is core's own layout: row 2 (neuron 2 of layer 1), column 1 (neuron 1 of layer 0).
        assertEquals(6.0, f.gradients().values().weight(0, 2, 1));
        assertEquals(8.0, f.gradients().values().weight(1, 0, 1));
    }

    @Test
    void every_fault_names_the_file_and_the_field() {
        assertEquals("net.json: 'gradients.weights[1][2]' has 2 entries but should have 1.",
                refused(", \"gradients\": {\"weights\": [[[1, 2, 3], [4, 5, 6]], [[7], [8], [9, 10]]], \"biases\": [[0, 0, 0], [0]]}"));
        assertEquals("net.json: 'gradients.biases' is missing.",
                refused(", \"gradients\": {\"weights\": [[[1, 2, 3], [4, 5, 6]], [[7], [8], [9]]]}"));
        assertTrue(refused(", \"gradients\": {\"weights\": [[[1, 2, 3], [4, 5, 6]]], \"biases\": [[0, 0, 0], [0]]}")
                .startsWith("net.json: 'gradients.weights' has 1 matrices but layers 2,3,1 need 2"));
        assertEquals("net.json: 'activations' has 1 layers but should have 3, one per layer with the input first (or 2 without the input).",
                refused(", \"activations\": [[1, 0.5]]"));
        assertEquals("net.json: 'deltas[1][0]' should be a number.", refused(", \"deltas\": [[0, 0, 0], [\"x\"]]"));
        // A step's faults are kept for verify --step, which refuses with them; the rest of the file is read.
        assertEquals("net.json: 'learningRate' is -1.0 but should be positive.",
                read(", \"learningRate\": -1, \"after\": {\"weights\": [[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], [[0.7], [0.8], [0.9]]], \"biases\": [[0, 0, 0], [0]]}").stepProblem());
        assertTrue(read(", \"l2\": 5, \"learningRate\": 1, \"after\": {\"weights\": [[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], [[0.7], [0.8], [0.9]]], \"biases\": [[0, 0, 0], [0]]}").stepProblem()
                .startsWith("net.json: 'n' is missing: with 'l2' give the training-set size n too"));
        assertTrue(refused(", \"inputs\": [[1, 2]]").contains("has both 'input'/'target' and 'inputs'/'targets'"));
    }

    @Test
    void a_batch_must_say_how_its_gradient_is_reduced() {
        String single = "\"input\": [1.0, 0.5], \"target\": [1.0]";
        String inputs = "\"inputs\": [[1.0, 0.5], [0.2, 0.1]], \"targets\": [[1.0], [0.0]]";
        VerifyFile withoutGradient = VerifyFileReader.fromJson("b.json", SMALL.formatted("").replace(single, inputs));
        assertNull(withoutGradient.gradients());
        assertEquals(Reduction.MEAN, withoutGradient.reduction(), "a step needs no reduction: it is always on the batch mean");
        String batch = SMALL.formatted(", \"gradients\": {\"weights\": [[[1, 2, 3], [4, 5, 6]], [[7], [8], [9]]], \"biases\": [[0, 0, 0], [0]]}")
                .replace(single, inputs);
        String m = assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("b.json", batch)).getMessage();
        assertTrue(m.startsWith("b.json: 'reduction' is missing: with a batch of 2 examples say whether"), m);
        // Nielsen's nabla_w is a sum: the message must not send his readers to "mean".
        assertTrue(m.contains("(\"sum\", what Nielsen's update_mini_batch adds up"), m);
        String wrong = batch.replace("\"targets\"", "\"reduction\": \"median\", \"targets\"");
        assertEquals("b.json: 'reduction' is \"median\" but should be \"mean\" or \"sum\".",
                assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("b.json", wrong)).getMessage());
        VerifyFile f = VerifyFileReader.fromJson("b.json", batch.replace("\"targets\"", "\"reduction\": \"sum\", \"targets\""));
        assertEquals(2, f.examples());
        assertEquals(Reduction.SUM, f.reduction());
        assertEquals(0.1, f.batch().inputs()[3]);
    }

    @Test
    void one_outputs_targets_may_be_bare_numbers() {
        VerifyFile bare = VerifyFileReader.fromJson("net.json", SMALL.formatted("").replace("\"target\": [1.0]", "\"target\": 1.0"));
        assertArrayEquals(read("").batch().targets(), bare.batch().targets());
        String batch = "\"inputs\": [[1.0, 0.5], [0.2, 0.1]], \"targets\": ";
        VerifyFile rows = VerifyFileReader.fromJson("b.json", SMALL.formatted("").replace("\"input\": [1.0, 0.5], \"target\": [1.0]", batch + "[[1.0], [0.0]]"));
        VerifyFile numbers = VerifyFileReader.fromJson("b.json", SMALL.formatted("").replace("\"input\": [1.0, 0.5], \"target\": [1.0]", batch + "[1.0, 0.0]"));
        assertArrayEquals(rows.batch().targets(), numbers.batch().targets());
        assertEquals(List.of(), numbers.readingNotes());
    }

    @Test
    void network_faults_are_sentences_about_the_file() {
        String m = assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("net.json",
                SMALL.formatted("").replace("\"cost\": \"cross-entropy\"", "\"cost\": \"hinge\""))).getMessage();
        assertTrue(m.startsWith("net.json: Unknown cost 'hinge'"), m);
        String hidden = assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("net.json",
                SMALL.formatted("").replace("\"hidden\": \"tanh\"", "\"hidden\": \"swish\""))).getMessage();
        assertEquals("net.json: Unknown hidden activation 'swish'; use one of sigmoid, tanh, relu, linear.", hidden);
        // The network's advice names the file's fields, not the command line's options.
        String pair = assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("net.json",
                SMALL.formatted("").replace("\"output\": \"sigmoid\"", "\"output\": \"linear\""))).getMessage();
        assertTrue(pair.endsWith("; use \"output\": \"sigmoid\", or \"cost\": \"quadratic\"."), pair);
        String missing = assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("net.json",
                SMALL.formatted("").replace("\"hidden\": \"tanh\", ", ""))).getMessage();
        assertEquals("net.json: 'hidden' is missing.", missing);
        String json = assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("net.json", "{\"layers\": [2,")).getMessage();
        assertTrue(json.startsWith("net.json: not valid JSON at line 1"), json);
        // Python's json.dump writes a float nan as NaN: the network's own arithmetic has failed, and the message says so.
        String nan = refused(", \"gradients\": {\"weights\": [[[NaN, 2, 3], [4, 5, 6]], [[7], [8], [9]]], \"biases\": [[0, 0, 0], [0]]}");
        assertTrue(nan.startsWith("net.json: not valid JSON at line 4, column 68: 'NaN' where a number belongs"), nan);
        assertTrue(nan.endsWith("; your code computed it, and verify compares finite numbers only: find where it first appears (often the log"
                + " of an output that reached exactly 0 or 1 in the cross-entropy) and fix that first."), nan);
    }

    @Test
    void activations_may_leave_out_the_input_and_unknown_fields_are_listed() {
        VerifyFile f = read(", \"activations\": [[0.1, 0.2, 0.3], [0.5]], \"gradient\": 1");
        assertNull(f.activations()[0]);
        assertEquals(0.5, f.activations()[2][0]);
        assertEquals(List.of("gradient"), f.ignoredFields());
    }

    @Test
    void a_step_without_before_starts_from_the_weights_and_with_before_from_before() {
        String after = ", \"learningRate\": 0.5, \"after\": {\"weights\": [[[1, 2, 3], [4, 5, 6]], [[7], [8], [9]]], \"biases\": [[0, 0, 0], [0]]}";
        VerifyFile f = read(after);
        assertEquals(0.6, f.step().before().weight(0, 2, 1));
        assertEquals(6.0, f.step().after().weight(0, 2, 1));
        assertEquals(0.0, f.step().momentum());
        VerifyFile g = read(after + ", \"before\": {\"weights\": [[[0, 0, 0], [0, 0, 9]], [[0], [0], [0]]], \"biases\": [[0, 0, 0], [0]]}");
        assertEquals(9.0, g.step().before().weight(0, 2, 1));
    }

    @Test
    void files_are_read_from_disk_with_their_name_in_every_message(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, SMALL.formatted(""));
        assertEquals(3, VerifyFileReader.read(file).spec().layerCount());
        String m = assertThrows(InvalidInputException.class, () -> VerifyFileReader.read(dir.resolve("none.json"))).getMessage();
        assertEquals(dir.resolve("none.json") + ": no such file.", m);
    }
}
