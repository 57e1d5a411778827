package dev.mlp4j.cli;

import dev.mlp4j.cli.report.ReportWriter;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.Backends;
import dev.mlp4j.core.data.DataLocator;
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
import dev.mlp4j.core.train.TrainingState;
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
                "Without options: 784-100-10 on MNIST, cross-entropy, L2 5.0, lr 0.5 halved every 10 epochs, batch 10, 30 epochs (about 98 %%)."})
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
            description = "Stop after N epochs without a better validation score (a lower training cost where the data has no validation set)"
                    + " and keep the best epoch (0: off).")
    int patience;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model (JSON) to FILE.")
    Path save;

    @Option(names = "--report", paramLabel = "DIR", description = "Write a report to DIR after every epoch and at the end: index.html with "
            + "training curves, confusion matrix, first-layer weights, the network, the most confidently wrong test images, metrics.csv.")
    Path report;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "After every epoch save to DIR all a resume needs (checkpoint.json) and the model (model.json).")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run checkpointed in DIR with its settings; it ends exactly as "
            + "if never stopped. --epochs may extend it; other training options must agree with the checkpoint.")
    Path resume;

    @Mixin
    BackendChoice backendChoice = new BackendChoice();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Mixin
    CommonOptions common = new CommonOptions();

    /** The names a checkpoint writes in its folder. */
    private static final java.util.List<String> CHECKPOINT_FILES =
            java.util.List.of(dev.mlp4j.core.train.checkpoint.CheckpointFile.FILE_NAME, CheckpointWriter.MODEL_FILE, CheckpointLock.FILE_NAME);

    /** The run's hold on its checkpoint folder, taken before the folder is checked, held until the run ends. */
    private CheckpointLock lock;

    @Override
    public Integer call() throws Exception {
        try {
            return trainAndReport();
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private Integer trainAndReport() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        data.checkOptions();
        RunStart start = resume != null ? Resumption.start(resume, this, spec.commandLine().getParseResult()) : freshStart();
        TrainSettings settings = start.settings();
        NetworkSpec net = settings.network();
        TrainingConfig config = settings.config();
        // Checked before the data loads, so a wrong folder costs no time.
        Path checkpointDir = checkpoint != null ? checkpoint : resume;
        boolean freshFolder = checkpoint != null && !checkpoint.equals(resume);
        if (freshFolder) {
            Resumption.checkFreshFolder(checkpoint);
        } else if (checkpointDir != null) {
            Resumption.checkResumedFolder(checkpointDir);
        }
        ReportFolder.check(report);
        OutputPaths.checkFilesIn("--report", report, "the report", ReportWriter.ALL);
        checkSavePath(save, given("--save"));
        String checkpointOption = freshFolder ? "--checkpoint" : "--resume";
        new OutputCollisions().file("--save", save).folder("--report", report, ReportWriter.ALL)
                .folder(checkpointOption, checkpointDir, CHECKPOINT_FILES).check();
        if (checkpointDir != null) {
            OutputPaths.checkFilesIn(checkpointOption, checkpointDir, "the checkpoint", CHECKPOINT_FILES);
            lock = CheckpointLock.take(checkpointDir);
            if (freshFolder) {
                // Again under the lock: another run may have written its first checkpoint there since the check above.
                Resumption.checkFreshFolder(checkpoint);
            }
        }
        backendChoice.check();
        DataChoice.Loaded loaded = dataChoice(settings).load(settings.seed());
        TrainingData td = loaded.data();
        checkFits(net, td);
        checkTargets(net, td);
        DataIdentity identity = checkpointDir != null ? DataIdentity.of(settings.dataName(), td) : null;
        if (start.resumedFrom() != null) {
            Resumption.checkSameData(start, identity, spec.commandLine().getParseResult().hasMatchedOption("--data"));
        }
        if (start.resumedFrom() != null) {
            out.println("resuming " + start.resumedFrom() + " after epoch " + start.state().epochsDone());
        }
        out.println("data: " + loaded.description());
        out.println("network: " + net + ", " + net.parameterCount() + " parameters, init " + config.init());
        out.println("training: " + trainingLine(config));
        if (config.patience() > 0 && td.validation() == null) {
            out.println("note: " + settings.dataName() + " has no validation set, so --patience judges each epoch by its training cost");
        }
        if (start.backend() != null && !spec.commandLine().getParseResult().hasMatchedOption("--backend")) {
            backendChoice.backend = start.backend();
        }
        Backends.Selection selection = backendChoice.select(net);
        if (start.backends().anyOtherThan(selection.backend().info().name())) {
            out.println("note: " + start.backends().describe() + "; the rest runs on "
                    + selection.backend().info().name() + ", so the result will not match an uninterrupted run to the last bit");
        }
        out.println(selection.explanation());
        out.flush();
        String backendName = selection.backend().info().name();
        TrainingResult result;
        KeptParameters keeper = new KeptParameters(start.state(), config.patience() > 0);
        String interrupted = null;
        String stoppedByFailure = null;
        OutputFailures failures;
        TrainingReport reporter = null;
        CheckpointWriter checkpointWriter = null;
        try (Backend backend = selection.backend()) {
            Trainer trainer = new Trainer(config);
            failures = new OutputFailures(trainer::cancel);
            trainer.addListener(new TrainingProgress(progress.display(spec.commandLine().getErr()), td.train().size(), config.batchSize()));
            trainer.addListener(new EpochPrinter(out, config.epochs()));
            trainer.addListener(keeper);
            if (report != null) {
                reporter = new TrainingReport(report, backend, td, "train: " + settings.dataName() + ", " + net,
                        reportFacts(loaded, net, config, selection), start.state().history(), start.accuracies(), config.epochs());
                trainer.addListener(failures.guard(reporter));
            }
            if (checkpointDir != null) {
                checkpointWriter = new CheckpointWriter(checkpointDir, settings, config, start.accuracies(), backendName,
                        start.backends(), identity);
                trainer.addListener(failures.guard(checkpointWriter));
            }
            // Ctrl-C or SIGTERM from here on stops training after the current batch; Main.run disarms it at the very end,
            // so a signal during the writes below waits for them.
            Interruption.arm(trainer::cancel);
            result = trainer.train(backend, start.state(), td);
            if (result.stop() == TrainingResult.StopReason.CANCELLED) {
                // A write that failed stops training as a signal does; which it was decides the exit code.
                if (failures.any() && !Interruption.signalled()) {
                    stoppedByFailure = keeper.stopped(result, "stopped");
                } else {
                    interrupted = keeper.interrupted(result);
                }
            }
            if (reporter != null) {
                TrainingReport finalReport = reporter;
                dev.mlp4j.core.nn.Parameters keptParameters = keeper.parameters(result);
                String status = interrupted != null ? interrupted : stoppedByFailure != null ? stoppedByFailure : result.message();
                failures.attempt(reporter, () -> finalReport.finish(keptParameters, status));
            }
        }
        out.println(interrupted != null ? interrupted : stoppedByFailure != null ? stoppedByFailure : result.message());
        EpochResult kept = keeper.epoch(result);
        String summary = summary(result, kept);
        if (summary != null) {
            out.println(summary);
        }
        boolean saved = false;
        if (save != null && kept == null) {
            // Parameters no epoch trained are worth nothing, and the file may hold a model the user wants to keep.
            out.println("nothing saved to " + save + ": no epoch completed, so there are no trained parameters to keep");
        } else if (save != null) {
            Model model = new Model(net, keeper.parameters(result), ModelRecord.of(config, settings, backendName, result.history().size(), kept));
            failures.attempt(save, () -> {
                try {
                    ModelFile.save(model, save);
                } catch (java.io.IOException e) {
                    throw OutputPaths.failure("Cannot write the model to " + save, e);
                }
            });
            saved = !failures.failed(save);
            boolean lastOfAll = result.stop() == TrainingResult.StopReason.COMPLETED && kept == result.last();
            if (saved) {
                out.println("saved model to " + save + (lastOfAll ? "" : " (the parameters after epoch " + kept.epoch() + ")"));
            }
        }
        boolean reported = report != null && !failures.failed(reporter);
        if (reported) {
            out.println("report: " + report.resolve(ReportWriter.INDEX));
        }
        boolean checkpointed = checkpointDir != null && dev.mlp4j.core.train.checkpoint.CheckpointFile.exists(checkpointDir);
        // The epoch a resume would go on from: the last this run checkpointed, else the one it resumed in that folder.
        int checkpointEpoch = checkpointWriter != null && checkpointWriter.checkpointEpoch() > 0 ? checkpointWriter.checkpointEpoch()
                : checkpointed && checkpointDir.equals(start.resumedFrom()) ? start.state().epochsDone() : 0;
        String resumeHint = checkpointDir == null ? null : "--resume " + ShellWord.of(checkpointDir);
        boolean stoppedEarly = result.stop() == TrainingResult.StopReason.EARLY_STOPPED;
        if (checkpointed && stoppedEarly) {
            // A resume of a run that stopped early is refused (nothing to resume): no hint that leads there.
            out.println("checkpoint: " + checkpointDir + " (the run stopped early, so there is nothing to resume; its model.json is the model kept)");
        } else if (checkpointed) {
            out.println("checkpoint: " + checkpointDir + " (" + (checkpointEpoch < result.history().size() ? "it holds epoch " + checkpointEpoch + "; " : "")
                    + "continue with " + resumeHint + ")");
        } else if (checkpointDir != null && start.resumedFrom() != null && result.history().size() == start.state().epochsDone()) {
            out.println("checkpoint: none written to " + checkpointDir + " (nothing was trained in this run; the checkpoint in "
                    + start.resumedFrom() + " is unchanged)");
        } else if (checkpointDir != null) {
            out.println("checkpoint: none written to " + checkpointDir + " (no epoch completed)");
        }
        Map<String, Object> json = JsonOutput.object("train");
        json.put("backend", backendName);
        json.put("device", selection.backend().info().device());
        json.put("epochs", result.history().size());
        json.put("testAccuracy", kept == null || kept.test() == null ? null : kept.test().accuracy());
        EpochResult bestOnTest = bestOnTest(result);
        json.put("bestTestAccuracy", bestOnTest == null ? null : bestOnTest.test().accuracy());
        json.put("validationAccuracy", kept == null || kept.validation() == null ? null : kept.validation().accuracy());
        json.put("testCost", kept == null || kept.test() == null ? null : kept.test().cost());
        json.put("testMeanSquaredError", kept == null || kept.test() == null ? null : kept.test().meanSquaredError());
        json.put("secondsPerEpoch", result.history().stream().mapToDouble(EpochResult::trainingSeconds).average().orElse(0));
        json.put("examplesPerSecond", result.history().stream().mapToDouble(EpochResult::examplesPerSecond).average().orElse(0));
        json.put("stop", result.stop().name().toLowerCase(java.util.Locale.ROOT));
        json.put("model", saved ? save.toString() : null);
        json.put("keptEpoch", kept == null ? null : kept.epoch());
        json.put("resumedAfterEpoch", start.resumedFrom() == null ? null : start.state().epochsDone());
        json.put("report", reported ? report.resolve(ReportWriter.INDEX).toString() : null);
        json.put("checkpoint", checkpointed ? checkpointDir.toString() : null);
        boolean failed = result.stop() == TrainingResult.StopReason.DIVERGED || result.stop() == TrainingResult.StopReason.BACKEND_FAILED;
        String error = failed ? result.message() : null;
        if (failures.any()) {
            // What failed, then what the run kept and where, and how to go on: the user decides from this line alone.
            StringBuilder sb = new StringBuilder(error == null ? "" : error + " ").append(failures.describe());
            if (stoppedByFailure != null) {
                sb.append(' ').append(stoppedByFailure);
            }
            if (saved) {
                sb.append(" The model is saved in ").append(save).append('.');
            } else if (checkpointWriter != null && checkpointWriter.modelEpoch() > 0) {
                sb.append(' ').append(checkpointDir.resolve(CheckpointWriter.MODEL_FILE)).append(" holds the model after epoch ")
                        .append(checkpointWriter.modelEpoch()).append('.');
            }
            if (checkpointed && !stoppedEarly && checkpointEpoch < config.epochs()) {
                sb.append(" The checkpoint in ").append(checkpointDir).append(" holds epoch ").append(checkpointEpoch)
                        .append("; continue with ").append(resumeHint).append('.');
            }
            error = sb.toString();
        }
        if (error != null) {
            json.put("error", error);
            json.put("exitCode", ExitCodes.FAILURE);
        }
        if (interrupted != null) {
            json.put("exitCode", Interruption.exitCode());
        }
        if (common.json) {
            JsonOutput.print(out, json);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (interrupted != null) {
            // As a shell reports Ctrl-C, on stderr; with how to go on, where a checkpoint makes that possible.
            err.println(interrupted + (checkpointed ? " Continue with " + resumeHint + "."
                    : checkpointDir == null ? " A run with --checkpoint DIR can be resumed." : ""));
            if (error != null) {
                err.println("error: " + error);
            }
            err.flush();
            return Interruption.exitCode();
        }
        if (error != null) {
            // A failed run says why on stderr too, as every failing command does.
            err.println("error: " + error);
            err.flush();
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    /** A new run: options over the preset's defaults, parameters drawn from the seed. */
    private RunStart freshStart() {
        Presets preset = Presets.forData(data);
        NetworkSpec net = network.spec(preset.spec());
        WeightInit scheme;
        try {
            scheme = init == null ? preset.init() : WeightInit.fromId(init);
        } catch (InvalidInputException e) {
            throw new UsageException(e.getMessage(), e);
        }
        String dataDir = data.isExample() ? null : DataLocator.require(data.data, data.dataset()).toString();
        TrainSettings s = new TrainSettings(net, epochs == null ? preset.epochs() : epochs, batch == null ? preset.batch() : batch,
                lr == null ? preset.learningRate() : lr, schedule(preset), momentum == null ? preset.momentum() : momentum,
                l2 != null ? l2 : network.isDefault() ? preset.l2() : 0.0, dropout, scheme, seed, patience,
                data.dataset().id(), data.example, dataDir);
        TrainingConfig config = s.config();
        Parameters initial = config.init().initialise(net, new Random(seed));
        return new RunStart(s, TrainingState.fresh(initial), new TrainingAccuracies(), null, null, BackendHistory.none(), null);
    }

    /** The preset's schedule belongs to its learning rate and network; once either is changed, constant. */
    private String schedule(Presets preset) {
        return lrSchedule != null ? lrSchedule.trim() : network.isDefault() && lr == null ? preset.schedule() : "constant";
    }

    /** The data the settings name; the mixin's fields are set from them so a resumed run loads what it trained on. */
    private DataChoice dataChoice(TrainSettings s) {
        data.example = s.example();
        data.dataset = s.dataset();
        data.data = s.dataDir();
        return data;
    }

    private static String trainingLine(TrainingConfig config) {
        return config.epochs() + (config.epochs() == 1 ? " epoch" : " epochs") + ", batch " + config.batchSize() + ", lr " + config.learningRateText()
                + (config.momentum() > 0 ? ", momentum " + config.momentum() : "") + (config.l2() > 0 ? ", l2 " + config.l2() : "")
                + (config.dropout() > 0 ? ", dropout " + config.dropout() : "")
                + (config.patience() > 0 ? ", patience " + config.patience() : "") + ", seed " + config.seed();
    }

    private static Map<String, String> reportFacts(DataChoice.Loaded loaded, NetworkSpec net, TrainingConfig config, Backends.Selection selection) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("data", loaded.description());
        facts.put("network", net + ", " + net.parameterCount() + " parameters, init " + config.init().id());
        facts.put("training", trainingLine(config));
        facts.put("backend", selection.backend().info().name() + " on " + selection.backend().info().device());
        return facts;
    }

    /**
     * The kept parameters' test figure, and the best epoch's when another did better on the test set: with a constant
     * learning rate the last epochs wander, and a reader comparing with a published figure needs to know which is which.
     */
    static String summary(TrainingResult r, EpochResult kept) {
        if (kept == null || kept.test() == null) {
            return null;
        }
        if (Double.isNaN(kept.test().accuracy())) {
            return String.format("test mse %.3g after epoch %d", kept.test().meanSquaredError(), kept.epoch());
        }
        String line = String.format("test accuracy %.2f%% after epoch %d", 100 * kept.test().accuracy(), kept.epoch());
        EpochResult best = bestOnTest(r);
        if (best != null && best.test().accuracy() > kept.test().accuracy()) {
            line += String.format(" (best on test: %.2f%% after epoch %d)", 100 * best.test().accuracy(), best.epoch());
        }
        return line;
    }

    /** The first epoch with the highest test accuracy; null when no epoch has one (no test set, or regression). */
    private static EpochResult bestOnTest(TrainingResult r) {
        EpochResult best = null;
        for (EpochResult e : r.history()) {
            if (e.test() != null && Double.isFinite(e.test().accuracy())
                    && (best == null || e.test().accuracy() > best.test().accuracy())) {
                best = e;
            }
        }
        return best;
    }

    /** Refuses a --save path that cannot take a file before training, so no finished run is lost to a typo. */
    private static void checkSavePath(Path file, String given) {
        OutputPaths.checkFile("--save", file, given);
    }

    /** The text an option was given as, before it became a Path (which drops a final slash); null when not given. */
    private String given(String option) {
        picocli.CommandLine.Model.OptionSpec o = spec.commandLine().getParseResult().matchedOption(option);
        java.util.List<String> values = o == null ? java.util.List.of() : o.originalStringValues();
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** Refuses data a saved model cannot take, with advice for a command that has no --layers to change. */
    static void checkModelFits(NetworkSpec net, TrainingData td) {
        int in = td.train().inputSize();
        int outs = td.train().outputSize();
        if (net.inputSize() != in || net.outputSize() != outs) {
            throw new UsageException("The model " + net.layersText() + " expects " + net.inputSize() + " inputs and gives "
                    + net.outputSize() + " outputs but each example of " + td.train().name() + " has " + in + " values and "
                    + outs + " targets; use data with " + net.inputSize() + " values and " + net.outputSize()
                    + " targets per example, or a model trained on this data.");
        }
    }

    /** Refuses targets the cost cannot score (the trainer would too, but only after the run's header is printed). */
    private static void checkTargets(NetworkSpec net, TrainingData td) {
        for (dev.mlp4j.core.data.DataSet set : new dev.mlp4j.core.data.DataSet[] {td.train(), td.validation(), td.test()}) {
            String problem = set == null ? null : net.cost().targetProblem(set);
            if (problem != null) {
                throw new UsageException(problem);
            }
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
