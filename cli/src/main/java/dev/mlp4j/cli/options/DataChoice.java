package dev.mlp4j.cli.options;

import dev.mlp4j.cli.UsageException;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.DataFolder;
import dev.mlp4j.core.data.DataLocator;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.data.Mnist;
import dev.mlp4j.core.train.TrainingData;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where the examples come from: an MNIST-format folder or a generated example problem. */
public final class DataChoice {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--data", paramLabel = "DIR", converter = PathConverter.Text.class, description = "Folder with the four MNIST-format files (else MLP4J_DATA, then ../shared/mnist, then ~/.mlp4j/data/mnist).")
    public String data;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "mnist", description = "mnist or fashion-mnist. Default: ${DEFAULT-VALUE}.")
    public String dataset;

    @Option(names = "--example", paramLabel = "NAME", description = "Use a generated problem's data instead of MNIST: circle or identity.")
    public String example;

    public boolean isExample() {
        return example != null;
    }

    /** The --dataset named; an unknown name is a usage error, as on every command that takes it. */
    public DataLocator.Dataset dataset() {
        try {
            return DataLocator.Dataset.fromId(dataset);
        } catch (InvalidInputException e) {
            throw new UsageException(OptionWords.sentence(e), e);
        }
    }

    /** The usage errors these options can make on their own, said before any file is read. */
    public void checkOptions() {
        refuseDataWithExample();
        dataset();
    }

    /** --example generates its data, so a --data folder or a --dataset beside it would be silently ignored: refused instead. */
    void refuseDataWithExample() {
        if (example != null && data != null) {
            throw new UsageException("--example " + example + " generates its data, so --data " + data
                    + " would be ignored; give --example or --data, not both.");
        }
        // --dataset has a default, so only the command line tells whether it was given.
        CommandLine.ParseResult given = mixee == null || mixee.commandLine() == null ? null : mixee.commandLine().getParseResult();
        if (example != null && given != null && given.hasMatchedOption("--dataset")) {
            throw new UsageException("--example " + example + " generates its data, so --dataset " + dataset
                    + " would be ignored; give --example or --dataset, not both.");
        }
    }

    /** Loads the data: train, validation (MNIST only) and test sets, named for what the files are. */
    public Loaded load(long seed) {
        refuseDataWithExample();
        if (example != null) {
            Examples.TrainTest tt = Examples.byName(example, seed);
            return new Loaded(new TrainingData(tt.train(), null, tt.test()), "example " + example
                    + " (" + tt.train().size() + " train, " + tt.test().size() + " test, seed " + seed + ")", "example:" + example);
        }
        DataFolder folder = DataLocator.require(data, dataset());
        Mnist m = Mnist.load(folder.dir());
        // Pixels are bytes scaled to [0, 1], always finite; TrainingData would refuse any that were not.
        TrainingData td = new TrainingData(m.train(), m.validation(), m.test());
        String sizes = m.train().size() + " train, " + (m.validation() == null ? 0 : m.validation().size()) + " validation, "
                + m.test().size() + " test";
        String description = folder.dataset() != null ? folder.name() + " from " + folder.dir() + " (" + sizes + ")"
                : "unknown files from " + folder.dir() + " (" + sizes + "; not the published " + dataset().id() + " files)";
        return new Loaded(td, description, folder.name());
    }

    /**
     * @param dataset what was read, for the JSON and the report: a data set's id, "unknown" for files that are no known
     *                data set's, or "example:NAME"
     */
    public record Loaded(TrainingData data, String description, String dataset) {
        /** The data named in a title. */
        public String label() {
            return dataset.equals(DataFolder.UNKNOWN) ? "unknown files" : dataset;
        }

        /** The data named as the subject of a sentence. */
        public String subject() {
            return dataset.equals(DataFolder.UNKNOWN) ? "the data" : dataset;
        }
    }
}
