package dev.mlp4j.core.train;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.DataSet;

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
