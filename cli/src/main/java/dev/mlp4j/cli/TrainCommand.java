package dev.mlp4j.cli;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.Backends;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.core.train.EpochResult;
import dev.mlp4j.core.train.TrainingConfig;
import dev.mlp4j.core.train.TrainingData;
import dev.mlp4j.core.train.TrainingListener;
import dev.mlp4j.core.train.TrainingResult;
import dev.mlp4j.core.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a network by mini-batch SGD and report accuracy after every epoch.",
                "Without options: 784-100-10 on MNIST, cross-entropy, L2 5.0, lr 0.5 halved every 10 epochs, batch 10, 30 epochs (about 98 %)."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataChoice data = new DataChoice();

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training set.")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "M", description = "Mini-batch size.")
    Integer batch;

    @Option(names = "--lr", paramLabel = "ETA", description = "Learning rate.")
    Double lr;

    @Option(names = "--lr-schedule", paramLabel = "SPEC",
            description = {"constant, step:FACTOR:EVERY (multiply by FACTOR every EVERY epochs) or inverse:DECAY (lr/(1+DECAY*epoch)).",
                    "Default: step:0.5:10 for the preset MNIST network, else constant."})
    String lrSchedule;

    @Option(names = "--momentum", paramLabel = "MU", description = "Momentum coefficient in [0, 1).")
    Double momentum;

    @Option(names = "--l2", paramLabel = "LAMBDA", description = {"L2 regularisation λ (Nielsen's form, scaled by the training-set size).",
            "Default: the preset's (5.0 on MNIST) for the preset network; 0 once --layers, --hidden, --output or --cost is given."})
    Double l2;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0", description = "Probability of dropping each hidden unit.")
    double dropout;

    @Option(names = "--init", paramLabel = "SCHEME", description = "Weight initialisation: uniform, normal, normal-scaled, xavier, he.")
    String init;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed for initialisation, shuffling and dropout.")
    long seed;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "0",
            description = "Stop after N epochs without a better validation score and keep the best epoch (0: off).")
    int patience;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model (JSON) to FILE.")
    Path save;

    @Mixin
    BackendChoice backendChoice = new BackendChoice();

    @Mixin
    CommonOptions common = new CommonOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Presets preset = Presets.forData(data);
        NetworkSpec net = network.spec(preset.spec());
        TrainingConfig config = config(preset);
        DataChoice.Loaded loaded = data.load(seed);
        TrainingData td = loaded.data();
        checkFits(net, td);
        out.println("data: " + loaded.description());
        out.println("network: " + net + ", " + net.parameterCount() + " parameters, init " + config.init());
        out.println("training: " + config.epochs() + " epochs, batch " + config.batchSize() + ", lr " + config.learningRateText()
                + (config.momentum() > 0 ? ", momentum " + config.momentum() : "") + (config.l2() > 0 ? ", l2 " + config.l2() : "")
                + (config.dropout() > 0 ? ", dropout " + config.dropout() : "") + ", seed " + config.seed());
        Backends.Selection selection = backendChoice.select(net);
        out.println(selection.explanation());
        out.flush();
        Parameters initial = config.init().initialise(net, new Random(seed));
        TrainingResult result;
        try (Backend backend = selection.backend()) {
            Trainer trainer = new Trainer(config);
            trainer.addListener(new EpochPrinter(out, config.epochs()));
            result = trainer.train(backend, initial, td);
        }
        out.println(result.message());
        if (save != null) {
            ModelFile.save(new Model(net, result.parameters(), trainingRecord(config, selection, result)), save);
            out.println("saved model to " + save);
        }
        EpochResult kept = keptEpoch(result);
        Map<String, Object> json = JsonOutput.object("train");
        json.put("backend", selection.backend().info().name());
        json.put("device", selection.backend().info().device());
        json.put("epochs", result.history().size());
        json.put("testAccuracy", kept == null || kept.test() == null ? null : kept.test().accuracy());
        json.put("bestTestAccuracy", result.history().stream().filter(e -> e.test() != null)
                .mapToDouble(e -> e.test().accuracy()).filter(Double::isFinite).max().stream().boxed().findFirst().orElse(null));
        json.put("validationAccuracy", kept == null || kept.validation() == null ? null : kept.validation().accuracy());
        json.put("testCost", kept == null || kept.test() == null ? null : kept.test().cost());
        json.put("testMeanSquaredError", kept == null || kept.test() == null ? null : kept.test().meanSquaredError());
        json.put("secondsPerEpoch", result.history().stream().mapToDouble(EpochResult::trainingSeconds).average().orElse(0));
        json.put("examplesPerSecond", result.history().stream().mapToDouble(EpochResult::examplesPerSecond).average().orElse(0));
        json.put("stop", result.stop().name().toLowerCase(java.util.Locale.ROOT));
        json.put("model", save == null ? null : save.toString());
        if (common.json) {
            JsonOutput.print(out, json);
        }
        return result.stop() == TrainingResult.StopReason.DIVERGED ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    private static EpochResult keptEpoch(TrainingResult r) {
        if (r.stop() == TrainingResult.StopReason.EARLY_STOPPED && r.best() != null) {
            return r.best();
        }
        return r.last();
    }

    private TrainingConfig config(Presets preset) {
        try {
            double rate = lr == null ? preset.learningRate() : lr;
            TrainingConfig.Builder b = TrainingConfig.builder()
                    .setEpochs(epochs == null ? preset.epochs() : epochs)
                    .setBatchSize(batch == null ? preset.batch() : batch)
                    .optMomentum(momentum == null ? preset.momentum() : momentum)
                    .optL2(l2 != null ? l2 : network.isDefault() ? preset.l2() : 0.0)
                    .optDropout(dropout)
                    .optInit(init == null ? preset.init() : WeightInit.fromId(init))
                    .optSeed(seed)
                    .optPatience(patience);
            String schedule = lrSchedule != null ? lrSchedule : network.isDefault() && lr == null ? preset.schedule() : "constant";
            LearningRateScheduleOption.apply(b, rate, schedule);
            return b.build();
        } catch (InvalidInputException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    static void checkFits(NetworkSpec net, TrainingData td) {
        int in = td.train().inputSize();
        int outs = td.train().outputSize();
        if (net.inputSize() != in) {
            throw new UsageException("The network's input layer has " + net.inputSize() + " neurons but each example of "
                    + td.train().name() + " has " + in + " values; start --layers with " + in + ".");
        }
        if (net.outputSize() != outs) {
            throw new UsageException("The network's output layer has " + net.outputSize() + " neurons but the data has "
                    + outs + " target values per example; end --layers with " + outs + ".");
        }
    }

    private Map<String, Object> trainingRecord(TrainingConfig c, Backends.Selection sel, TrainingResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", r.history().size());
        m.put("batchSize", c.batchSize());
        m.put("learningRate", c.learningRateText());
        m.put("momentum", c.momentum());
        m.put("l2", c.l2());
        m.put("dropout", c.dropout());
        m.put("init", c.init().id());
        m.put("seed", c.seed());
        m.put("data", data.isExample() ? "example:" + data.example : data.dataset);
        m.put("backend", sel.backend().info().name());
        EpochResult kept = keptEpoch(r);
        if (kept != null && kept.test() != null && Double.isFinite(kept.test().accuracy())) {
            m.put("testAccuracy", kept.test().accuracy());
        }
        return m;
    }

    /** One line per epoch, as Nielsen's code prints them, plus time. */
    private static final class EpochPrinter implements TrainingListener {
        private final PrintWriter out;
        private final int epochs;

        EpochPrinter(PrintWriter out, int epochs) {
            this.out = out;
            this.epochs = epochs;
        }

        @Override
        public void onEpochEnd(EpochResult r) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("epoch %d/%d  cost %.4f", r.epoch(), epochs, r.trainingCost()));
            if (r.validation() != null) {
                sb.append(format("validation", r.validation()));
            }
            if (r.test() != null) {
                sb.append(format("test", r.test()));
            }
            sb.append(String.format("  %.2f s (%.0f examples/s)", r.trainingSeconds(), r.examplesPerSecond()));
            out.println(sb);
            out.flush();
        }

        private static String format(String name, dev.mlp4j.core.train.Evaluation e) {
            if (Double.isNaN(e.accuracy())) {
                return String.format("  %s mse %.3g", name, e.meanSquaredError());
            }
            return String.format("  %s %.2f%%", name, 100 * e.accuracy());
        }
    }
}
