package dev.mlp4j.core.train;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data that a run cannot use is refused before training, in one sentence, whoever calls the trainer. */
class DataFitTest {

    private static DataSet classes(String name, int n, int inputs) {
        return DataSet.classification(name, inputs, 2, new float[n * inputs], new int[n]);
    }

    @Test
    void a_test_or_validation_set_of_another_input_size_than_the_training_set_is_refused() {
        DataSet train = classes("train", 4, 196);
        InvalidInputException test = assertThrows(InvalidInputException.class,
                () -> new TrainingData(train, null, classes("test", 3, 784)));
        assertTrue(test.getMessage().startsWith("test has 784 values per example but train has 196"), test.getMessage());
        InvalidInputException validation = assertThrows(InvalidInputException.class,
                () -> new TrainingData(train, classes("validation", 3, 100), null));
        assertTrue(validation.getMessage().startsWith("validation has 100 values per example"), validation.getMessage());
    }

    @Test
    void a_set_with_another_number_of_targets_is_refused() {
        DataSet train = classes("train", 4, 2);
        DataSet test = DataSet.classification("test", 2, 3, new float[6], new int[3]);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new TrainingData(train, null, test));
        assertTrue(e.getMessage().startsWith("test has 3 target values per example but train has 2"), e.getMessage());
    }

    private static TrainingResult train(NetworkSpec spec, TrainingData data) {
        TrainingConfig c = TrainingConfig.builder().setEpochs(1).setBatchSize(10).setLearningRate(0.1).optSeed(1).build();
        Parameters initial = c.init().initialise(spec, new Random(1));
        try (ReferenceBackend backend = new ReferenceBackend(spec)) {
            return new Trainer(c).train(backend, initial, data);
        }
    }

    @Test
    void the_trainer_refuses_a_network_whose_input_layer_does_not_fit_the_data() {
        Examples.TrainTest circle = Examples.circle(1, 50, 20);
        NetworkSpec three = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, 3, 4, 1);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> train(three, new TrainingData(circle.train(), null, circle.test())));
        assertTrue(e.getMessage().contains("takes 3 inputs and gives 1 outputs") && e.getMessage().contains("has 2 inputs"), e.getMessage());
    }

    @Test
    void cross_entropy_refuses_targets_outside_the_unit_interval_and_says_what_to_use() {
        Examples.TrainTest identity = Examples.byName("identity", 1);
        NetworkSpec net = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 6, 2);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> train(net, new TrainingData(identity.train(), null, identity.test())));
        assertTrue(e.getMessage().startsWith("The cross-entropy cost needs targets in [0, 1]"), e.getMessage());
        assertTrue(e.getMessage().contains("use the cost quadratic"), e.getMessage());
        assertNull(Cost.CROSS_ENTROPY.targetProblem(Examples.circle(1, 50, 20).train()), "0/1 targets are fine");
        assertNull(Cost.QUADRATIC.targetProblem(identity.train()), "quadratic takes any target");
    }

    @Test
    void log_likelihood_refuses_targets_that_are_not_a_distribution() {
        DataSet oneHot = classes("train", 4, 2);
        assertNull(Cost.LOG_LIKELIHOOD.targetProblem(oneHot));
        DataSet halves = new DataSet("halves", 1, 1, 2, new float[1], new float[] {0.5f, 0.5f}, null);
        assertNull(Cost.LOG_LIKELIHOOD.targetProblem(halves));
        DataSet noClass = new DataSet("blank", 2, 1, 2, new float[2], new float[] {0, 1, 0, 0}, null);
        Problem sum = Cost.LOG_LIKELIHOOD.targetProblem(noClass);
        assertTrue(sum != null && sum.statement().contains("example 1 of blank sum to 0.0"), String.valueOf(sum));
        DataSet negative = new DataSet("negative", 1, 1, 2, new float[1], new float[] {-1, 2}, null);
        Problem neg = Cost.LOG_LIKELIHOOD.targetProblem(negative);
        assertTrue(neg != null && neg.statement().contains("target 0 of example 0 of negative is -1.0"), String.valueOf(neg));
    }
}
