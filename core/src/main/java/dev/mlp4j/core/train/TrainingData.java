package dev.mlp4j.core.train;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Cost;

import java.util.ArrayList;
import java.util.List;

/**
 * The data of a run: examples to train on, and optionally a validation and a test set to score each epoch. All sets
 * have the training set's shape: a test set of other-sized images would otherwise surface as an array error after
 * a whole epoch of training, or, when larger, be silently misread.
 */
public record TrainingData(DataSet train, DataSet validation, DataSet test) {
    public TrainingData {
        if (train == null || train.size() == 0) {
            throw new InvalidInputException("There are no training examples.");
        }
        requireShapeOfTrain(validation, train);
        requireShapeOfTrain(test, train);
    }

    /** The sets there are, in the order train, validation, test. */
    public List<DataSet> sets() {
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
    public String targetProblem(Cost cost) {
        for (DataSet set : sets()) {
            String problem = cost.targetProblem(set);
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
