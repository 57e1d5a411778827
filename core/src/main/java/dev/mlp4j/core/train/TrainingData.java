package dev.mlp4j.core.train;

import dev.mlp4j.core.data.DataSet;

/** The data of a run: examples to train on, and optionally a validation and a test set to score each epoch. */
public record TrainingData(DataSet train, DataSet validation, DataSet test) {
    public TrainingData {
        if (train == null || train.size() == 0) {
            throw new dev.mlp4j.core.InvalidInputException("There are no training examples.");
        }
    }
}
