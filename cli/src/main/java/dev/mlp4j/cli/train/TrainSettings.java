package dev.mlp4j.cli.train;

import dev.mlp4j.cli.UsageException;
import dev.mlp4j.cli.options.OptionWords;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.io.JsonFields;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.core.train.TrainingConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that decides what a training run computes, with every default resolved: what a checkpoint stores so
 * that a resumed run repeats the original exactly. Where it runs (backend, device) and what it writes (--save,
 * --report) are not settings: they may change from one session of a run to the next.
 *
 * @param dataset   data set id (mnist, fashion-mnist), also kept for examples
 * @param example   generated example's name, or null for a data set on disk
 * @param dataDir   the folder the data set was found in, or null for an example
 */
public record TrainSettings(NetworkSpec network, int epochs, int batch, double learningRate, String lrSchedule, double momentum,
                     double l2, double dropout, WeightInit init, long seed, int patience, String dataset, String example,
                     String dataDir) {

    /** The trainer's configuration; a usage error when a value is out of range. */
    TrainingConfig config() {
        try {
            TrainingConfig.Builder b = TrainingConfig.builder()
                    .setEpochs(epochs)
                    .setBatchSize(batch)
                    .optMomentum(momentum)
                    .optL2(l2)
                    .optDropout(dropout)
                    .optInit(init)
                    .optSeed(seed)
                    .optPatience(patience);
            LearningRateScheduleOption.apply(b, learningRate, lrSchedule);
            TrainingConfig config = b.build();
            // Checked here too, so that the refusal is a usage error that comes before the data is loaded.
            config.requireFor(network);
            return config;
        } catch (InvalidInputException e) {
            throw new UsageException(OptionWords.sentence(e), e);
        }
    }

    TrainSettings withEpochs(int n) {
        return new TrainSettings(network, n, batch, learningRate, lrSchedule, momentum, l2, dropout, init, seed, patience,
                dataset, example, dataDir);
    }

    TrainSettings withDataDir(String dir) {
        return new TrainSettings(network, epochs, batch, learningRate, lrSchedule, momentum, l2, dropout, init, seed, patience,
                dataset, example, dir);
    }

    /** The data asked for: the data set's id or "example:NAME" (what was read may be unknown files: DataChoice.Loaded). */
    String dataName() {
        return example != null ? "example:" + example : dataset;
    }

    /** The settings as a checkpoint keeps them (the network is kept beside them). The seed is a string: JSON numbers are doubles. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("batch", batch);
        m.put("learningRate", learningRate);
        m.put("lrSchedule", lrSchedule);
        m.put("momentum", momentum);
        m.put("l2", l2);
        m.put("dropout", dropout);
        m.put("init", init.id());
        m.put("seed", Long.toString(seed));
        m.put("patience", patience);
        m.put("dataset", dataset);
        m.put("example", example);
        m.put("data", dataDir);
        return m;
    }

    static TrainSettings fromMap(JsonFields f, Map<String, Object> m, String path, NetworkSpec network) {
        String seedText = f.string(f.required(m, "seed", path), path + ".seed");
        long seed;
        try {
            seed = Long.parseLong(seedText);
        } catch (NumberFormatException e) {
            throw f.fail(path + ".seed", "should be a whole number, not \"" + seedText + "\"");
        }
        WeightInit init;
        try {
            init = WeightInit.fromId(f.string(f.required(m, "init", path), path + ".init"));
        } catch (InvalidInputException e) {
            throw f.fail(path + ".init", e.getMessage());
        }
        return new TrainSettings(network,
                f.integer(f.required(m, "epochs", path), path + ".epochs"),
                f.integer(f.required(m, "batch", path), path + ".batch"),
                f.number(f.required(m, "learningRate", path), path + ".learningRate"),
                f.string(f.required(m, "lrSchedule", path), path + ".lrSchedule"),
                f.number(f.required(m, "momentum", path), path + ".momentum"),
                f.number(f.required(m, "l2", path), path + ".l2"),
                f.number(f.required(m, "dropout", path), path + ".dropout"),
                init, seed,
                f.integer(f.required(m, "patience", path), path + ".patience"),
                f.string(f.required(m, "dataset", path), path + ".dataset"),
                m.get("example") == null ? null : f.string(m.get("example"), path + ".example"),
                m.get("data") == null ? null : f.string(m.get("data"), path + ".data"));
    }
}
