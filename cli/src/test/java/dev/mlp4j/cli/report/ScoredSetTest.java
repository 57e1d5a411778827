package dev.mlp4j.cli.report;

import dev.mlp4j.cli.progress.Progress;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.data.Mnist;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.core.train.Evaluation;
import dev.mlp4j.core.train.Evaluator;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scoring with outputs kept gives Evaluator's numbers to the bit, and picks wrong examples by confidence. */
class ScoredSetTest {

    private static ScoredSet score(NetworkSpec spec, DataSet data, long seed) {
        try (ReferenceBackend backend = new ReferenceBackend(spec)) {
            backend.setParameters(WeightInit.NORMAL_SCALED.initialise(spec, new Random(seed)));
            ScoredSet s = ScoredSet.score(backend, data, Progress.none());
            Evaluation expected = Evaluator.evaluate(backend, data);
            Evaluation e = s.evaluation();
            assertEquals(expected.cost(), e.cost());
            assertEquals(expected.accuracy(), e.accuracy());
            assertEquals(expected.meanSquaredError(), e.meanSquaredError());
            assertEquals(expected.examples(), e.examples());
            if (expected.confusion() != null) {
                for (int i = 0; i < expected.confusion().length; i++) {
                    assertArrayEquals(expected.confusion()[i], e.confusion()[i]);
                }
            }
            return s;
        }
    }

    @Test
    void scores_like_the_evaluator_on_images_on_one_output_unit_and_on_regression() {
        DataSet digits = Mnist.load(Fixtures.miniMnist()).test();
        ScoredSet s = score(NetworkSpec.of(Activation.SIGMOID, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 784, 12, 10), digits, 3);
        assertEquals(digits.size() * 10, s.outputs().length);
        score(NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 1), Examples.circle(1, 50, 2500).test(), 4);
        score(NetworkSpec.of(Activation.TANH, Activation.LINEAR, Cost.QUADRATIC, 2, 3, 2), Examples.identity(1, 10, 1200).test(), 5);
    }

    @Test
    void the_most_confidently_wrong_come_first_and_are_all_wrong() {
        DataSet digits = Mnist.load(Fixtures.miniMnist()).test();
        ScoredSet s = score(NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 784, 12, 10), digits, 9);
        List<Integer> wrong = WrongExamplesPicture.mostConfidentlyWrong(s, 5);
        assertTrue(!wrong.isEmpty(), "a random network gets some wrong");
        for (int i = 0; i < wrong.size(); i++) {
            assertTrue(s.predicted(wrong.get(i)) != digits.label(wrong.get(i)));
            if (i > 0) {
                assertTrue(s.confidence(wrong.get(i - 1)) >= s.confidence(wrong.get(i)));
            }
        }
        int[][] confusion = s.evaluation().confusion();
        int mistakes = 0;
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                mistakes += i == j ? 0 : confusion[i][j];
            }
        }
        assertEquals(Math.min(5, mistakes), wrong.size());
        for (int e = 0; e < digits.size(); e++) {
            if (s.predicted(e) != digits.label(e) && !wrong.contains(e)) {
                assertTrue(s.confidence(e) <= s.confidence(wrong.get(wrong.size() - 1)), "example " + e + " is less sure than the last one shown");
            }
        }
    }
}
