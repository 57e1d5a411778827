package dev.mlp4j.core.train;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Cost;

import java.util.ArrayList;
import java.util.List;

/**
 * The data of a run: examples to train on, and optionally a validation and a test set to score each epoch. All sets
 * have the training set's shape: a test set of other-sized images would otherwise surface as an array error after
 * a whole epoch of training, or, when larger, be silently misread. No set may be empty (an empty one scores NaN,
 * which early stopping would take as a score) or hold a value that is NaN or infinite: one such pixel silently turns
 * every parameter into NaN, and the run would then be reported as diverged, blaming the learning rate. Checking all
 * values once costs about 30 ms for MNIST.
 */
public record TrainingData(DataSet train, DataSet validation, DataSet test) {
    public TrainingData {
        if (train == null || train.size() == 0) {
            throw new InvalidInputException("There are no training examples.");
        }
        requireShapeOfTrain(validation, train);
        requireShapeOfTrain(test, train);
        // The record's fields are assigned after this body, so the sets are taken from the arguments.
        for (DataSet set : present(train, validation, test)) {
            String bad = set.firstNonFinite();
            if (bad != null) {
                throw new InvalidInputException(set.name() + ": " + bad + "; every input and target must be a finite number.");
            }
        }
    }

    /** The sets there are, in the order train, validation, test. */
    public List<DataSet> sets() {
        return present(train, validation, test);
    }

    private static List<DataSet> present(DataSet train, DataSet validation, DataSet test) {
        List<DataSet> sets = new ArrayList<>(3);
        sets.add(train);
        if (validation != null) {
            sets.add(validation);
        }
        if (test != null) {
            sets.add(test);
        }
        return sets;
    }

    /** Why {@code cost} cannot score the targets of one of the sets, as a sentence, or null when it can score them all. */
    public Problem targetProblem(Cost cost) {
        for (DataSet set : sets()) {
            Problem problem = cost.targetProblem(set);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static void requireShapeOfTrain(DataSet set, DataSet train) {
        if (set == null) {
            return;
        }
        if (set.size() == 0) {
            throw new InvalidInputException(set.name() + " has no examples; pass null instead of an empty set.");
        }
        if (set.inputSize() != train.inputSize()) {
            throw new InvalidInputException(set.name() + " has " + set.inputSize() + " values per example but " + train.name()
                    + " has " + train.inputSize() + "; use sets of the same size from the same data set.");
        }
        if (set.outputSize() != train.outputSize()) {
            throw new InvalidInputException(set.name() + " has " + set.outputSize() + " target values per example but "
                    + train.name() + " has " + train.outputSize() + "; use sets of the same size from the same data set.");
        }
    }
}
