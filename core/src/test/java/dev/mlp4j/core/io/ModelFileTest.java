package dev.mlp4j.core.io;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Setting;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Saving and loading models: exact round trips, atomic writes, clear refusals, and a frozen v1 fixture. */
class ModelFileTest {
    private static final String FIXTURE = "model-v1.json";
    /** The first version with one hidden activation per hidden layer. */
    private static final String FIXTURE_V2 = "model-v2.json";

    private static Model randomModel(NetworkSpec spec, long seed) {
        Parameters p = WeightInit.NORMAL.initialise(spec, new Random(seed));
        // Values whose text form is easy to get wrong.
        p.weights(0)[0] = -0.0;
        p.weights(0)[1] = Double.MIN_VALUE;
        p.weights(0)[2] = Double.MAX_VALUE;
        p.biases(0)[0] = 0.1 + 0.2;
        p.biases(spec.depth() - 1)[0] = -1e-310;
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("epochs", 30);
        training.put("lr", "0.5");
        training.put("note", "quotes \" and \\ and\nnewlines");
        training.put("history", List.of(Map.of("epoch", 1, "accuracy", 0.9123)));
        return new Model(spec, p, training);
    }

    private static String validText() {
        return ModelFile.toJson(randomModel(NetworkSpec.of(Activation.SIGMOID, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 3, 4, 2), 1));
    }

    private static InvalidInputException refused(String text) {
        return assertThrows(InvalidInputException.class, () -> ModelFile.fromJson("m.json", text));
    }

    @Test
    void save_then_load_gives_back_exactly_the_same_spec_and_parameters(@TempDir Path dir) throws IOException {
        for (NetworkSpec spec : List.of(
                NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 5, 7, 3),
                NetworkSpec.of(Activation.RELU, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 4, 6, 6, 3),
                NetworkSpec.of(Activation.TANH, Activation.LINEAR, Cost.QUADRATIC, 3, 1))) {
            Model model = randomModel(spec, spec.hashCode());
            Path file = dir.resolve("model.json");
            ModelFile.save(model, file);
            Model loaded = ModelFile.load(file);
            assertEquals(spec, loaded.spec());
            // Parameters.equals compares the doubles bit for bit (so -0.0 ≠ 0.0).
            assertEquals(model.parameters(), loaded.parameters(), spec.toString());
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(loaded.parameters().weights(0)[0]));
            assertEquals(30.0, loaded.training().get("epochs"));
            assertEquals("0.5", loaded.training().get("lr"));
            assertEquals("quotes \" and \\ and\nnewlines", loaded.training().get("note"));
            assertEquals(List.of(Map.of("epoch", 1.0, "accuracy", 0.9123)), loaded.training().get("history"));
        }
    }

    @Test
    void a_folder_given_as_the_model_is_named_as_one_with_the_model_it_holds(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> ModelFile.load(empty));
        assertEquals(empty + " is a folder, not a model file; give a model file, e.g. one saved with 'train --save FILE'.", none.getMessage());

        Path checkpoint = Files.createDirectory(dir.resolve("ck1"));
        Files.writeString(checkpoint.resolve("model.json"), validText());
        InvalidInputException holding = assertThrows(InvalidInputException.class, () -> ModelFile.load(checkpoint));
        assertEquals(checkpoint + " is a folder, not a model file; give a model file, e.g. " + checkpoint.resolve("model.json")
                + " (the model this folder holds).", holding.getMessage());
    }

    @Test
    void saving_leaves_no_temporary_file_behind_and_replaces_an_old_file(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.json");
        Files.writeString(file, "old");
        Model model = randomModel(NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, 2, 3, 1), 5);
        ModelFile.save(model, file);
        assertEquals(List.of(file), listing(dir));
        assertEquals(model.parameters(), ModelFile.load(file).parameters());
    }

    @Test
    void a_writer_that_fails_midway_leaves_the_previous_file_intact_and_no_temporary_file(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.json");
        Files.writeString(file, "previous content");
        IOException io = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half of a new fi".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", io.getMessage());
        assertEquals("previous content", Files.readString(file));
        assertEquals(List.of(file), listing(dir));

        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[100_000]);
            throw new IllegalStateException("bug in the writer");
        }));
        assertEquals("previous content", Files.readString(file));
        assertEquals(List.of(file), listing(dir));
    }

    @Test
    void atomic_write_creates_missing_folders_and_writes_the_whole_text(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a/b/out.txt");
        AtomicFiles.writeString(file, "héllo\n");
        assertEquals("héllo\n", Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(List.of(file), listing(file.getParent()));
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void missing_fields_are_refused_naming_the_field_path() {
        String text = validText();
        assertTrue(refused(text.replace("\"weights\"", "\"weightz\"")).getMessage().contains("'weights' is missing"));
        assertTrue(refused(text.replace("\"biases\"", "\"biasez\"")).getMessage().contains("'biases' is missing"));
        assertTrue(refused(text.replace("\"cost\"", "\"kost\"")).getMessage().contains("'network.cost' is missing"));
        assertTrue(refused(text.replace("\"layers\"", "\"layerz\"")).getMessage().contains("'network.layers' is missing"));
        assertTrue(refused(text.replace("\"network\"", "\"netwerk\"")).getMessage().contains("'network' is missing"));
        assertTrue(refused(text.replace("\"version\": 1", "\"version\": null")).getMessage().contains("'version' is missing"));
    }

    @Test
    void a_missing_network_field_is_named_once_after_the_file() {
        for (String field : List.of("hidden", "output", "cost")) {
            String m = refused(validText().replace("\"" + field + "\"", "\"x" + field + "\"")).getMessage();
            assertTrue(m.startsWith("m.json: 'network." + field + "' is missing"), m);
            assertEquals(m.indexOf("m.json"), m.lastIndexOf("m.json"), m);
        }
        // An unknown name is not the file's wording, so the file and field go in front of it.
        String m = refused(validText().replace("\"log-likelihood\"", "\"log-likelihod\"")).getMessage();
        assertTrue(m.startsWith("m.json: 'network': "), m);
    }

    @Test
    void wrong_shapes_are_refused_naming_the_array() {
        // 3-4-2: weights[0] is 4x3, weights[1] is 2x4.
        Model m = ModelFile.fromJson("m.json", validText());
        String[] cases = {
            // text, expected fragment
            withWeights(m, "[[[1,2,3],[1,2,3],[1,2,3]], [[1,2,3,4],[1,2,3,4]]]"), "'weights[0]' has 3 rows but should have 4",
            withWeights(m, "[[[1,2,3],[1,2,3],[1,2,3],[1,2]], [[1,2,3,4],[1,2,3,4]]]"), "'weights[0][3]' has 2 entries but should have 3",
            withWeights(m, "[[[1,2,3],[1,2,3],[1,2,3],[1,2,3]], [[1,2,3,4],[1,2,\"x\",4]]]"), "'weights[1][1][2]' should be a number",
            withWeights(m, "[[[1,2,3],[1,2,3],[1,2,3],[1,2,3]]]"), "need 2 weight matrices and bias vectors, but the file has 1 and 2",
            withWeights(m, "[[[1,2,3],[1,2,3],[1,2,3],[1,2,3]], 7]"), "'weights[1]' should be an array",
        };
        for (int i = 0; i < cases.length; i += 2) {
            String message = refused(cases[i]).getMessage();
            assertTrue(message.startsWith("m.json: "), message);
            assertTrue(message.contains(cases[i + 1]), "expected '" + cases[i + 1] + "' in: " + message);
        }
        String biases = validText().replaceFirst("\"biases\": \\[\\s*\\[[^\\]]*\\]", "\"biases\": [[1, 2, 3]");
        assertTrue(refused(biases).getMessage().contains("'biases[0]' has 3 entries but should have 4"));
    }

    /** The model's text with its weights array replaced. */
    private static String withWeights(Model m, String weights) {
        String text = ModelFile.toJson(m);
        int start = text.indexOf("\"weights\": ");
        int end = text.indexOf("\"biases\"");
        return text.substring(0, start) + "\"weights\": " + weights + ",\n  " + text.substring(end);
    }

    @Test
    void a_nan_literal_is_refused_with_its_line_and_column() {
        String text = validText();
        int at = text.indexOf("\"weights\": [") + "\"weights\": [".length();
        int firstNumber = text.indexOf("[[", at) + 2;
        int comma = text.indexOf(',', firstNumber);
        String withNaN = text.substring(0, firstNumber) + "NaN" + text.substring(comma);
        InvalidInputException e = refused(withNaN);
        assertTrue(e.getMessage().contains("NaN and Infinity are not valid JSON numbers"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s)m\\.json: not valid JSON at line \\d+, column \\d+: .*"), e.getMessage());
    }

    @Test
    void a_newer_version_is_refused_with_advice_to_upgrade() {
        int newer = ModelFile.VERSION + 1;
        InvalidInputException e = refused(validText().replace("\"version\": 1", "\"version\": " + newer));
        assertTrue(e.getMessage().contains("newer mlp4j") && e.getMessage().contains("version " + newer)
                && e.getMessage().contains("upgrade"), e.getMessage());
        assertTrue(refused(validText().replace("\"version\": 1", "\"version\": 0")).getMessage().contains("does not exist"));
        assertTrue(refused(validText().replace("\"version\": 1", "\"version\": 1.5")).getMessage().contains("'version' should be a whole number"));
        assertTrue(refused(validText().replace("\"version\": 1", "\"version\": \"1\"")).getMessage().contains("'version' should be a number"));
    }

    @Test
    void other_formats_are_refused() {
        InvalidInputException e = refused(validText().replace("\"mlp4j-model\"", "\"keras\""));
        assertTrue(e.getMessage().contains("not an mlp4j model") && e.getMessage().contains("\"keras\""), e.getMessage());
        assertTrue(refused(validText().replace("\"format\"", "\"formt\"")).getMessage().contains("\"format\" field is missing"));
        assertTrue(refused("[1, 2]").getMessage().contains("the top level should be an object"));
    }

    @Test
    void an_invalid_network_is_refused_with_the_spec_sentence() {
        InvalidInputException e = refused(validText().replace("\"cost\": \"log-likelihood\"", "\"cost\": \"quadratic\"")
                .replace("\"output\": \"softmax\"", "\"output\": \"relu\"").replace("\"hidden\": \"sigmoid\"", "\"hidden\": \"softmax\""));
        assertTrue(e.getMessage().startsWith("m.json: ") && e.getMessage().contains("softmax can only be the output"), e.getMessage());
        InvalidInputException unknown = refused(validText().replace("\"hidden\": \"sigmoid\"", "\"hidden\": \"swish\""));
        assertTrue(unknown.getMessage().contains("'swish'"), unknown.getMessage());
        InvalidInputException layer = refused(validText().replace("\"layers\": [3, 4, 2]", "\"layers\": [3, 4.5, 2]"));
        assertTrue(layer.getMessage().contains("'network.layers[1]' should be a whole number"), layer.getMessage());
    }

    @Test
    void missing_and_non_text_files_are_refused(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.json");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelFile.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("no such model file"), e.getMessage());
        // The library's own words: no command line option where a Java caller reads it.
        assertTrue(e.getMessage().endsWith("; train one with Trainer.run and ModelFile.save(" + missing + ")."), e.getMessage());
        assertEquals(List.of(Setting.SAVE), e.problem().orElseThrow().fix().settings());
        Path binary = dir.resolve("images.gz");
        Files.write(binary, Fixtures.bytes("idx/tiny-images-idx3-ubyte.gz"));
        InvalidInputException b = assertThrows(InvalidInputException.class, () -> ModelFile.load(binary));
        assertTrue(b.getMessage().contains("not a text file"), b.getMessage());
    }

    // ---- The frozen v1 fixture: if this breaks, the format changed and old model files no longer load. ----

    private static String fixtureText() {
        return resourceText(FIXTURE);
    }

    private static String resourceText(String name) {
        try (InputStream in = ModelFileTest.class.getResourceAsStream(name)) {
            assertNotNull(in, "test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void the_committed_v1_fixture_loads_with_exactly_the_weights_written_in_it() {
        Model m = ModelFile.fromJson(FIXTURE, fixtureText());
        assertEquals(NetworkSpec.of(Activation.TANH, Activation.SIGMOID, Cost.CROSS_ENTROPY, 3, 4, 2), m.spec());
        Parameters p = m.parameters();
        double[][][] w = {
            {{0.5, -1.25, 0.1}, {2.0, 0.0, -0.375}, {1.0E-3, -7.5, 3.25}, {-0.0625, 4.0, -2.5}},
            {{1.5, -0.5, 0.25, -3.0}, {0.2, 0.3, -0.7, 1.0E10}},
        };
        for (int l = 0; l < w.length; l++) {
            for (int j = 0; j < w[l].length; j++) {
                for (int k = 0; k < w[l][j].length; k++) {
                    assertEquals(w[l][j][k], p.weight(l, j, k), "weights[" + l + "][" + j + "][" + k + "]");
                }
            }
        }
        // Row-major storage: row j (to neuron j of layer l+1), column k (from neuron k of layer l).
        assertArrayEquals(new double[] {0.5, -1.25, 0.1, 2.0, 0.0, -0.375, 1.0E-3, -7.5, 3.25, -0.0625, 4.0, -2.5}, p.weights(0));
        assertArrayEquals(new double[] {0.125, -1.0, 0.0, 2.75}, p.biases(0));
        assertArrayEquals(new double[] {-0.3, 6.5}, p.biases(1));
        assertEquals(Map.of("batch", 10.0, "epochs", 3.0, "lr", "0.5", "seed", 7.0, "test_accuracy", 0.75), m.training());
    }

    @Test
    void the_writer_still_writes_the_v1_fixture_structure() {
        // Writing the loaded fixture must give the same JSON document (up to spacing and number spelling).
        Model m = ModelFile.fromJson(FIXTURE, fixtureText());
        Object written = Json.parse("written", ModelFile.toJson(m));
        Object committed = Json.parse(FIXTURE, fixtureText());
        assertEquals(committed, written);
    }

    // ---- One activation per hidden layer: format version 2, written only where version 1 cannot hold the network. ----

    @Test
    void a_network_with_an_activation_per_hidden_layer_round_trips_as_version_2(@TempDir Path dir) throws IOException {
        NetworkSpec spec = NetworkSpec.of(List.of(Activation.RELU, Activation.SIGMOID, Activation.TANH), Activation.SOFTMAX,
                Cost.LOG_LIKELIHOOD, 4, 6, 5, 3, 3);
        Model model = randomModel(spec, 11);
        Path file = dir.resolve("mixed.json");
        ModelFile.save(model, file);
        String text = Files.readString(file);
        assertTrue(text.contains("\"version\": 2,"), text);
        assertTrue(text.contains("\"hidden\": [\"relu\", \"sigmoid\", \"tanh\"]"), text);
        Model loaded = ModelFile.load(file);
        assertEquals(spec, loaded.spec());
        assertEquals(model.parameters(), loaded.parameters());
    }

    @Test
    void a_network_with_one_hidden_activation_is_still_written_as_version_1_for_older_readers() {
        NetworkSpec listed = NetworkSpec.of(List.of(Activation.RELU, Activation.RELU), Activation.SIGMOID, Cost.QUADRATIC, 3, 4, 4, 1);
        String text = ModelFile.toJson(randomModel(listed, 2));
        assertTrue(text.contains("\"version\": 1,") && text.contains("\"hidden\": \"relu\""), text);
        assertEquals(1, ModelFile.versionFor(listed));
    }

    @Test
    void a_hidden_list_is_refused_in_a_version_1_file_and_checked_against_the_layers_in_version_2() {
        String v2 = resourceText(FIXTURE_V2);
        InvalidInputException v1 = refused(v2.replace("\"version\": 2", "\"version\": 1"));
        assertTrue(v1.getMessage().startsWith("m.json: 'network.hidden' should be a string"), v1.getMessage());
        InvalidInputException three = refused(v2.replace("[\"relu\", \"tanh\"]", "[\"relu\", \"tanh\", \"relu\"]"));
        assertTrue(three.getMessage().startsWith("m.json: 'network': 3 hidden activations (relu,tanh,relu) are given for the 2 hidden layers"),
                three.getMessage());
        InvalidInputException unknown = refused(v2.replace("\"tanh\"", "\"swish\""));
        assertTrue(unknown.getMessage().contains("'swish'"), unknown.getMessage());
        InvalidInputException number = refused(v2.replace("\"tanh\"", "7"));
        assertTrue(number.getMessage().contains("'network.hidden[1]' should be a string"), number.getMessage());
    }

    @Test
    void the_committed_v2_fixture_loads_with_each_hidden_layers_activation_and_is_written_back_the_same() {
        Model m = ModelFile.fromJson(FIXTURE_V2, resourceText(FIXTURE_V2));
        assertEquals(NetworkSpec.of(List.of(Activation.RELU, Activation.TANH), Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 2, 1), m.spec());
        assertArrayEquals(new double[] {0.5, -1.25, 2.0, 0.0, -0.375, 1.0E-3}, m.parameters().weights(0));
        assertArrayEquals(new double[] {-2.5, 4.0}, m.parameters().weights(2));
        assertArrayEquals(new double[] {6.5}, m.parameters().biases(2));
        assertEquals(Json.parse(FIXTURE_V2, resourceText(FIXTURE_V2)), Json.parse("written", ModelFile.toJson(m)));
    }
}
