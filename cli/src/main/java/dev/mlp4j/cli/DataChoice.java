package dev.mlp4j.cli;

import dev.mlp4j.core.data.DataLocator;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.data.Mnist;
import dev.mlp4j.core.train.TrainingData;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Where the examples come from: an MNIST-format folder or a generated example problem. */
final class DataChoice {
    @Option(names = "--data", paramLabel = "DIR", description = "Folder with the four MNIST-format files (else MLP4J_DATA, then ../shared/mnist).")
    String data;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "mnist", description = "mnist or fashion-mnist. Default: ${DEFAULT-VALUE}.")
    String dataset;

    @Option(names = "--example", paramLabel = "NAME", description = "Train on a generated problem instead: circle or identity.")
    String example;

    boolean isExample() {
        return example != null;
    }

    DataLocator.Dataset dataset() {
        return DataLocator.Dataset.fromId(dataset);
    }

    /** Loads the data: train, validation (MNIST only) and test sets. */
    Loaded load(long seed) {
        if (example != null) {
            Examples.TrainTest tt = Examples.byName(example, seed);
            return new Loaded(new TrainingData(tt.train(), null, tt.test()), "example " + example
                    + " (" + tt.train().size() + " train, " + tt.test().size() + " test, seed " + seed + ")");
        }
        Path dir = DataLocator.require(data, dataset());
        Mnist m = Mnist.load(dir);
        for (DataSet s : new DataSet[] {m.train(), m.validation(), m.test()}) {
            if (s != null && s.firstNonFinite() != null) {
                throw new dev.mlp4j.core.InvalidInputException(dir + ": " + s.name() + " " + s.firstNonFinite() + "; the data is corrupt.");
            }
        }
        return new Loaded(new TrainingData(m.train(), m.validation(), m.test()), dataset + " from " + dir + " ("
                + m.train().size() + " train, " + (m.validation() == null ? 0 : m.validation().size()) + " validation, "
                + m.test().size() + " test)");
    }

    record Loaded(TrainingData data, String description) {
    }
}
