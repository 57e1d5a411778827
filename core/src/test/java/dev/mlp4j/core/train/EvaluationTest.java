package dev.mlp4j.core.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An evaluation is a value: its confusion matrix cannot be changed from outside, and equal contents are equal. */
class EvaluationTest {

    @Test
    void the_confusion_matrix_is_copied_in_and_out() {
        int[][] counts = {{3, 1}, {0, 4}};
        Evaluation e = new Evaluation(8, 0.5, 0.875, 0.1, counts);
        counts[0][0] = 99;
        assertEquals(3, e.confusion()[0][0], "the caller's array is not the evaluation's");
        e.confusion()[1][1] = 99;
        assertArrayEquals(new int[][] {{3, 1}, {0, 4}}, e.confusion(), "the returned array is a copy");
        assertNull(new Evaluation(8, 0.5, Double.NaN, 0.1, null).confusion());
    }

    @Test
    void equal_contents_make_equal_evaluations() {
        Evaluation a = new Evaluation(8, 0.5, 0.875, 0.1, new int[][] {{3, 1}, {0, 4}});
        Evaluation b = new Evaluation(8, 0.5, 0.875, 0.1, new int[][] {{3, 1}, {0, 4}});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new Evaluation(8, 0.5, 0.875, 0.1, new int[][] {{3, 0}, {1, 4}}));
        assertEquals(new Evaluation(8, 0.5, Double.NaN, 0.1, null), new Evaluation(8, 0.5, Double.NaN, 0.1, null));
        assertTrue(a.toString().contains("[[3, 1], [0, 4]]"), a.toString());
    }
}
