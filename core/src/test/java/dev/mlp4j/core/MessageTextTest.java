package dev.mlp4j.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** User text in messages: control characters escaped, long values and messages cut where it costs least. */
class MessageTextTest {

    @Test
    void control_characters_are_escaped_and_other_text_is_kept_as_it_is() {
        assertEquals("a\\u0000b\\u001b[31mc\\u000a\\u007f\\u0085é€", MessageText.printable("a\u0000b\u001b[31mc\n\u007f\u0085é€"));
        String plain = "m.json: 'weights[0]' has 2 rows";
        assertSame(plain, MessageText.printable(plain));
    }

    @Test
    void a_long_value_is_cut_with_an_ellipsis_and_its_length() {
        String v = "1,".repeat(1_000_000);
        String cut = MessageText.value(v);
        assertTrue(cut.startsWith("1,1,1,") && cut.endsWith("… (2000000 characters)"), cut);
        assertTrue(cut.length() < MessageText.MAX_VALUE_CHARS + 30, cut);
        assertEquals("784,30,10", MessageText.value("784,30,10"));
    }

    @Test
    void a_long_message_keeps_its_beginning_and_its_fix() {
        String m = "big.json: the value " + "x".repeat(2_000_000) + " is wrong; train and save it again.";
        String line = MessageText.line(m);
        assertTrue(line.length() <= MessageText.MAX_MESSAGE_CHARS + 60, "length " + line.length());
        assertTrue(line.startsWith("big.json: the value xxx"), line);
        assertTrue(line.endsWith("is wrong; train and save it again."), line);
        assertTrue(line.contains("characters left out"), line);
    }
}
