package dev.mlp4j.core.reliability;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A key given twice in one JSON object: every file mlp4j reads numbers from refuses it, naming the key and both
 * places, instead of keeping the last (a model with a second "weights" array used to evaluate with those). The
 * verify module tests its files alike ({@code VerifyFileSafetyTest}).
 */
class DuplicateKeysTest {

    private static String modelText() {
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 3, 4, 2);
        return ModelFile.toJson(new Model(spec, WeightInit.NORMAL_SCALED.initialise(spec, new Random(1)), Map.of()));
    }

    /** {@code text} with {@code entry} ("key": value,) put right after the first occurrence of {@code after}. */
    private static String inserted(String text, String after, String entry) {
        int at = text.indexOf(after);
        assertTrue(at >= 0, after);
        return text.substring(0, at + after.length()) + entry + text.substring(at + after.length());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "weights|{|\"weights\": [[[1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1]], [[1, 1, 1, 1], [1, 1, 1, 1]]], ",
            "format|{|\"format\": \"keras\", ",
            "hidden|\"network\": {|\"hidden\": \"relu\", ",
            "layers|\"network\": {|\"layers\": [3, 5, 2], "})
    void a_model_with_a_key_twice_is_refused_naming_the_key_and_both_lines(String key, String after, String entry) {
        String text = inserted(modelText(), after, entry);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelFile.fromJson("m.json", text));
        assertTrue(e.getMessage().startsWith("m.json: the key \"" + key + "\" appears twice in one object, at line "), e.getMessage());
        assertTrue(e.getMessage().matches(".*at line \\d+, column \\d+ and at line \\d+, column \\d+;.*"), e.getMessage());
        assertTrue(e.getMessage().endsWith("train and save it again."), e.getMessage());
    }
}
