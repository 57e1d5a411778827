package dev.mlp4j.core.io;

import dev.mlp4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strict JSON reader model and verify files go through. */
class JsonTest {

    private static InvalidInputException refused(String text) {
        return assertThrows(InvalidInputException.class, () -> Json.parse("doc.json", text), () -> "accepted: " + text);
    }

    @Test
    void a_document_parses_to_maps_lists_doubles_strings_booleans_and_null_keeping_key_order() {
        Object v = Json.parse("doc", " {\"b\": [1, -2.5, 3e2, 0.125E-1], \"a\": {\"t\": true, \"f\": false, \"n\": null},"
                + " \"s\": \"x\\\"y\\\\z\\/\\n\\t\\u00e9\\b\\f\\r\", \"e\": [], \"o\": {}}\n");
        Map<?, ?> m = assertInstanceOf(Map.class, v);
        assertEquals(List.of("b", "a", "s", "e", "o"), List.copyOf(m.keySet()));
        assertEquals(List.of(1.0, -2.5, 300.0, 0.0125), m.get("b"));
        Map<?, ?> a = assertInstanceOf(Map.class, m.get("a"));
        assertEquals(Boolean.TRUE, a.get("t"));
        assertEquals(Boolean.FALSE, a.get("f"));
        assertTrue(a.containsKey("n"));
        assertNull(a.get("n"));
        assertEquals("x\"y\\z/\n\té\b\f\r", m.get("s"));
        assertEquals(List.of(), m.get("e"));
        assertEquals(Map.of(), m.get("o"));
    }

    @Test
    void scalars_are_documents_too() {
        assertEquals(42.0, Json.parse("doc", "42"));
        assertEquals("hi", Json.parse("doc", "\"hi\""));
        assertNull(Json.parse("doc", " null "));
    }

    @Test
    void numbers_keep_every_bit_of_a_double_written_by_java() {
        double[] values = {0.1, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1.0 / 3, -123456.789e-200, Math.PI};
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append(values[i]);
        }
        List<?> parsed = assertInstanceOf(List.class, Json.parse("doc", sb.append(']').toString()));
        for (int i = 0; i < values.length; i++) {
            assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits((Double) parsed.get(i)),
                    "value " + values[i]);
        }
    }

    @Test
    void errors_name_the_source_line_and_column() {
        InvalidInputException e = refused("{\n  \"a\": 1,\n  \"b\": x\n}");
        assertTrue(e.getMessage().startsWith("doc.json: "), e.getMessage());
        assertTrue(e.getMessage().contains("line 3, column 8"), e.getMessage());
        InvalidInputException comma = refused("[1 2]");
        assertTrue(comma.getMessage().contains("line 1, column 4") && comma.getMessage().contains("','"), comma.getMessage());
    }

    @Test
    void nan_and_infinity_are_refused() {
        InvalidInputException nan = refused("[1, NaN]");
        assertTrue(nan.getMessage().contains("NaN and Infinity are not valid JSON numbers"), nan.getMessage());
        assertTrue(nan.getMessage().contains("line 1, column 5"), nan.getMessage());
        InvalidInputException inf = refused("{\"w\": Infinity}");
        assertTrue(inf.getMessage().contains("NaN and Infinity"), inf.getMessage());
        InvalidInputException minus = refused("[-Infinity]");
        assertEquals("x: not valid JSON at line 1, column 2: '-Infinity' where a number belongs (NaN and Infinity are not valid JSON numbers).",
                minus.getMessage().replaceFirst("^[^:]*:", "x:"));
        for (InvalidInputException e : List.of(nan, inf, minus)) {
            assertInstanceOf(NonFiniteJsonNumberException.class, e, e.getMessage());
        }
        assertFalse(refused("[Nope]") instanceof NonFiniteJsonNumberException);
        InvalidInputException big = refused("[1e400]");
        assertTrue(big.getMessage().contains("too large"), big.getMessage());
    }

    @Test
    void nesting_up_to_the_limit_parses_and_deeper_nesting_is_refused_without_a_stack_overflow() {
        assertInstanceOf(List.class, Json.parse("doc", nested(60)));
        InvalidInputException e = refused(nested(65 + 1));
        assertTrue(e.getMessage().contains("nesting deeper than"), e.getMessage());
        // A hostile file: far deeper than any stack allows if the parser did not count.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            InvalidInputException deep = refused(nested(1_000_000));
            assertTrue(deep.getMessage().contains("nesting deeper than"), deep.getMessage());
        });
        InvalidInputException objects = refused("{\"a\":".repeat(200) + "1" + "}".repeat(200));
        assertTrue(objects.getMessage().contains("nesting deeper than"), objects.getMessage());
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",                 // nothing
        "   ",              // only space
        "[1,]",             // trailing comma
        "{\"a\":1,}",       // trailing comma in an object
        "{a: 1}",           // unquoted key
        "{\"a\" 1}",        // missing colon
        "[1] [2]",          // two documents
        "\"abc",            // unterminated string
        "\"a\tb\"",         // raw control character in a string
        "\"\\x\"",          // bad escape
        "\"\\u12\"",        // short \\u escape
        "\"\\uzzzz\"",      // non-hex \\u escape
        "tru",              // truncated literal
        "nul",
        "-",                // a sign alone
        "1.5e",             // exponent without digits
        "'single'",         // single quotes
        "[1, // comment\n 2]",
        "{\"a\": [1, 2}",   // mismatched bracket
    })
    void malformed_documents_are_refused_with_a_position(String text) {
        InvalidInputException e = refused(text);
        assertTrue(e.getMessage().matches("doc\\.json: not valid JSON at line \\d+, column \\d+: .+\\."), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "1.", "-01", ".5", "+1", "1.e3", "\"\\u+041\""})
    void numbers_and_escapes_outside_the_rfc_8259_grammar_are_refused(String text) {
        // Json's javadoc promises a strict RFC 8259 reader.
        refused(text);
    }

    @Test
    void quote_escapes_what_json_requires_and_round_trips() {
        String s = "a\"b\\c\nd\re\tf\u0001g/é";
        StringBuilder sb = new StringBuilder();
        Json.quote(sb, s);
        assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g/é\"", sb.toString());
        assertEquals(s, Json.parse("doc", sb.toString()));
    }

    @Test
    void a_key_twice_in_one_object_is_refused_with_both_places_while_the_same_key_in_two_objects_is_fine() {
        InvalidInputException e = refused("{\"a\": 1,\n \"b\": {\"a\": 2, \"c\": 3},\n \"a\": 4}");
        assertEquals("doc.json: the key \"a\" appears twice in one object, at line 1, column 2 and at line 3, column 2; "
                + "which one counts would be a guess, so keep only the one you meant.", e.getMessage());
        assertEquals(Map.of("a", 1.0, "b", Map.of("a", 2.0)), Json.parse("doc", "{\"a\": 1, \"b\": {\"a\": 2}}"));
        // Keys are compared after escapes are read: "\u0061" is "a".
        assertTrue(refused("{\"a\": 1, \"\\u0061\": 2}").getMessage().contains("the key \"a\" appears twice"));
        // A key that is a control character or very long is shown escaped and cut.
        String longKey = "k".repeat(5000);
        String m = refused("{\"" + longKey + "\": 1, \"" + longKey + "\": 2}").getMessage();
        assertTrue(m.length() < 500, m);
        assertTrue(refused("{\"\\u0000\": 1, \"\\u0000\": 2}").getMessage().contains("the key \"\\u0000\""));
    }
}
