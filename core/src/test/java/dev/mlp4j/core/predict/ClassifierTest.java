package dev.mlp4j.core.predict;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.core.train.Evaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model answering single examples: the same class as the evaluator counts, probabilities that sum to 1. */
class ClassifierTest {
    private static final Random RANDOM = new Random(5);

    private static List<float[]> rows(DataSet set) {
        List<float[]> rows = new ArrayList<>();
        float[] x = set.inputArray();
        for (int i = 0; i < set.size(); i++) {
            rows.add(Arrays.copyOfRange(x, i * set.inputSize(), (i + 1) * set.inputSize()));
        }
        return rows;
    }

    /** The output layer's activations for the given rows, straight from the reference backend. */
    private static double[] outputs(Parameters p, DataSet set) {
        try (ReferenceBackend b = new ReferenceBackend(p.spec())) {
            b.setParameters(p);
            return b.forward(set.batch(0, set.size()));
        }
    }

    @Test
    void picks_the_class_the_evaluator_counts_for_every_example_across_chunks() {
        NetworkSpec spec = NetworkSpec.of(Activation.TANH, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 6, 1);
        Parameters p = WeightInit.NORMAL.initialise(spec, RANDOM);
        DataSet set = Examples.circle(3, 2500, 10).train();
        double[] a = outputs(p, set);
        try (Classifier c = new Classifier(p)) {
            Classifier.Prediction[] all = c.classify(rows(set));
            assertEquals(2500, all.length);
            for (int i = 0; i < set.size(); i++) {
                assertEquals(Evaluator.predictedClass(a, i, 1), all[i].label(), "example " + i);
                assertEquals(a[i], all[i].outputs()[0], 0.0);
                // One sigmoid unit: the probabilities are exactly (1 - a, a).
                assertEquals(a[i], all[i].probabilities()[1], 1e-15);
                assertEquals(1.0, all[i].probabilities()[0] + all[i].probabilities()[1], 1e-15);
            }
            Classifier.Prediction one = c.classify(rows(set).get(1234));
            assertEquals(all[1234].label(), one.label());
            assertArrayEquals(all[1234].probabilities(), one.probabilities(), 0.0);
        }
    }

    @Test
    void softmax_outputs_are_the_probabilities_and_sigmoid_outputs_become_a_softmax_of_z() {
        NetworkSpec softmax = NetworkSpec.of(Activation.RELU, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 4, 5, 3);
        NetworkSpec sigmoid = NetworkSpec.of(Activation.RELU, Activation.SIGMOID, Cost.CROSS_ENTROPY, 4, 5, 3);
        Parameters ps = WeightInit.NORMAL.initialise(softmax, RANDOM);
        float[] x = {0.1f, 0.9f, 0.4f, 0.7f};
        try (Classifier c = new Classifier(ps)) {
            Classifier.Prediction r = c.classify(x);
            assertArrayEquals(r.outputs(), r.probabilities(), 0.0);
            assertEquals(1.0, Arrays.stream(r.probabilities()).sum(), 1e-12);
        }
        // The same weights: a sigmoid output's z is softmax's z, so its probabilities are the softmax network's outputs.
        Parameters pg = ps.copyFor(sigmoid);
        try (Classifier soft = new Classifier(ps); Classifier sig = new Classifier(pg)) {
            Classifier.Prediction s = soft.classify(x);
            Classifier.Prediction g = sig.classify(x);
            assertArrayEquals(s.outputs(), g.probabilities(), 1e-12);
            assertEquals(argmax(g.outputs()), g.label());
            assertTrue(Arrays.stream(g.outputs()).sum() != 1.0);
        }
    }

    @Test
    void a_saved_and_loaded_model_answers_as_the_parameters_it_was_saved_from(@TempDir Path dir) throws IOException {
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 3, 4, 2);
        Parameters p = WeightInit.NORMAL_SCALED.initialise(spec, RANDOM);
        Path file = dir.resolve("m.json");
        ModelFile.save(new Model(spec, p, Map.of()), file);
        float[] x = {0.2f, 0.5f, 0.8f};
        try (Classifier direct = new Classifier(p); Classifier loaded = Classifier.of(ModelFile.load(file))) {
            assertArrayEquals(direct.classify(x).probabilities(), loaded.classify(x).probabilities(), 0.0);
        }
    }

    @Test
    void examples_it_cannot_read_are_refused_naming_the_example() {
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 3, 2, 1);
        try (Classifier c = new Classifier(WeightInit.NORMAL.initialise(spec, RANDOM))) {
            InvalidInputException shortRow = assertThrows(InvalidInputException.class,
                    () -> c.classify(List.of(new float[3], new float[2])));
            assertEquals("Example 1 has 2 values but the network takes 3; give each example 3 values.", shortRow.getMessage());
            InvalidInputException nan = assertThrows(InvalidInputException.class, () -> c.classify(new float[] {0, Float.NaN, 0}));
            assertEquals("Value 1 of example 0 is NaN; every value must be a finite number.", nan.getMessage());
            assertThrows(InvalidInputException.class, () -> c.classify((float[]) null));
        }
        assertThrows(InvalidInputException.class, () -> Classifier.of(null));
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
