package dev.mlp4j.verify;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.io.Json;
import dev.mlp4j.core.io.JsonWriter;
import dev.mlp4j.testdata.Fixtures;
import dev.mlp4j.verify.compare.Tolerance;
import dev.mlp4j.verify.file.VerifyFile;
import dev.mlp4j.verify.file.VerifyFileReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verify files as hand-written nets dump them without care: Nielsen's code keeps biases, inputs and targets as numpy
 * (n, 1) arrays, whose {@code tolist()} is a column {@code [[x], [y], …]}; JavaScript's JSON.stringify writes a typed
 * array as an object {@code {"0": x, "1": y}}. Either must read and verify as the plain file does, and say so.
 */
class DumpLayoutsTest {
    /** The fields that hold one vector, a list of vectors, or (in a batch) a list of lists of vectors. */
    private static final Map<String, Integer> VECTOR_DEPTH = Map.of("input", 0, "target", 0, "inputs", 1, "targets", 1);
    private static final List<String> PARAMETER_SETS = List.of("gradients", "after", "before", "velocityBefore");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"output-delta-times-sigma-prime.json, false", "summed-not-averaged.json, false", "correct.json, false",
            "step-per-example.json, true", "step-correct.json, true"})
    void a_file_of_columns_reads_and_verifies_as_the_flat_file_does(String name, boolean step) {
        String flatText = new String(Fixtures.bytes("verify/" + name), StandardCharsets.UTF_8);
        VerifyFile columns = sameAsPlain(name, flatText, columns(flatText), step, "Read the column vectors of 'biases', ");
        String batchField = columns.examples() == 1 ? "'input'" : "'inputs'";
        assertTrue(columns.readingNotes().get(0).contains(batchField), columns.readingNotes()::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"output-delta-times-sigma-prime.json, false", "correct.json, false", "step-per-example.json, true"})
    void a_file_of_typed_array_objects_reads_and_verifies_as_the_plain_file_does(String name, boolean step) {
        String plainText = new String(Fixtures.bytes("verify/" + name), StandardCharsets.UTF_8);
        Map<String, Object> root = object(Json.parse(name, plainText));
        root.replaceAll((k, v) -> k.equals("layers") ? v : typedArrays(v));
        VerifyFile typed = sameAsPlain(name, plainText, write(root), step, "Read the objects keyed \"0\", \"1\", ... in 'weights', 'biases', ");
        assertTrue(typed.readingNotes().get(0).endsWith("(what JSON.stringify writes for a typed array such as Float64Array)"
                + " as the arrays they stand for."), typed.readingNotes()::toString);
    }

    /** Reads {@code text}, checks that it reads and verifies as the plain file does, and that its note starts so. */
    private static VerifyFile sameAsPlain(String name, String plainText, String text, boolean step, String noteStart) {
        VerifyFile plain = VerifyFileReader.fromJson(name, plainText);
        VerifyFile other = VerifyFileReader.fromJson(name, text);
        assertEquals(plain.parameters(), other.parameters());
        assertArrayEquals(plain.batch().inputs(), other.batch().inputs());
        assertArrayEquals(plain.batch().targets(), other.batch().targets());
        assertEquals(List.of(), plain.readingNotes());
        assertEquals(1, other.readingNotes().size(), other.readingNotes()::toString);
        assertTrue(other.readingNotes().get(0).startsWith(noteStart), other.readingNotes()::toString);

        VerifyReport a = step ? Verifier.verifyStep(plain, Tolerance.DEFAULT) : Verifier.verify(plain, Tolerance.DEFAULT);
        VerifyReport b = step ? Verifier.verifyStep(other, Tolerance.DEFAULT) : Verifier.verify(other, Tolerance.DEFAULT);
        assertEquals(a.match(), b.match());
        assertEquals(GradientDiagnosisTest.kinds(a), GradientDiagnosisTest.kinds(b));
        assertTrue(b.notes().contains(other.readingNotes().get(0)), b.notes()::toString);
        return other;
    }

    /** Every array of numbers in {@code node} as JSON.stringify writes a Float64Array: {"0": x, "1": y, …}. */
    private static Object typedArrays(Object node) {
        if (node instanceof List<?> list) {
            if (!list.isEmpty() && list.stream().allMatch(e -> e instanceof Double)) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < list.size(); i++) {
                    m.put(Integer.toString(i), list.get(i));
                }
                return m;
            }
            return list.stream().map(DumpLayoutsTest::typedArrays).toList();
        }
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = object(m);
            out.replaceAll((k, v) -> typedArrays(v));
            return out;
        }
        return node;
    }

    @Test
    void a_column_with_an_entry_that_is_not_a_number_is_refused_naming_that_entry() {
        String text = new String(Fixtures.bytes("verify/correct.json"), StandardCharsets.UTF_8);
        Map<String, Object> root = object(Json.parse("c.json", text));
        root.put("input", List.of(List.of(0.5), "x"));
        String m = assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("c.json", write(root))).getMessage();
        assertEquals("c.json: 'input[0]' should be a number.", m, "half a column is no column");
        root.put("input", List.of(List.of(0.5), List.of("x")));
        m = assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("c.json", write(root))).getMessage();
        assertEquals("c.json: 'input[1][0]' should be a number.", m);
    }

    /** The same file with every vector written as a column. */
    private static String columns(String text) {
        Map<String, Object> root = object(Json.parse("x.json", text));
        boolean batch = root.containsKey("inputs");
        VECTOR_DEPTH.forEach((key, depth) -> root.computeIfPresent(key, (k, v) -> columns(v, depth)));
        root.computeIfPresent("biases", (k, v) -> columns(v, 1));
        for (String set : PARAMETER_SETS) {
            if (root.get(set) instanceof Map<?, ?> m) {
                Map<String, Object> copy = object(m);
                copy.computeIfPresent("biases", (k, v) -> columns(v, 1));
                root.put(set, copy);
            }
        }
        for (String key : List.of("activations", "deltas")) {
            root.computeIfPresent(key, (k, v) -> columns(v, batch ? 2 : 1));
        }
        return write(root);
    }

    /** {@code node} with its vectors, {@code depth} lists down, turned into columns. */
    private static Object columns(Object node, int depth) {
        List<Object> out = new ArrayList<>();
        for (Object e : (List<?>) node) {
            out.add(depth == 0 ? List.of(e) : columns(e, depth - 1));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object node) {
        return new LinkedHashMap<>((Map<String, Object>) node);
    }

    private static String write(Map<String, Object> root) {
        StringBuilder sb = new StringBuilder();
        JsonWriter.value(sb, root);
        return sb.toString();
    }
}
