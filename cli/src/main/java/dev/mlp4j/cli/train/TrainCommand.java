package dev.mlp4j.cli.train;

import dev.mlp4j.cli.Interruption;
import dev.mlp4j.cli.UsageException;
import dev.mlp4j.cli.options.BackendChoice;
import dev.mlp4j.cli.options.CommonOptions;
import dev.mlp4j.cli.options.DataChoice;
import dev.mlp4j.cli.options.NetworkFit;
import dev.mlp4j.cli.options.NetworkOptions;
import dev.mlp4j.cli.options.OptionWords;
import dev.mlp4j.cli.options.Presets;
import dev.mlp4j.cli.options.ProgressOption;
import dev.mlp4j.cli.train.checkpoint.BackendHistory;
import dev.mlp4j.cli.train.checkpoint.CheckpointWriter;
import dev.mlp4j.cli.train.checkpoint.DataIdentity;
import dev.mlp4j.cli.train.output.OutputFailures;
import dev.mlp4j.cli.train.output.RunOutputs;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;
import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.Backends;
import dev.mlp4j.core.backend.StepWork;
import dev.mlp4j.core.data.DataLocator;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.core.train.Trainer;
import dev.mlp4j.core.train.TrainingConfig;
import dev.mlp4j.core.train.TrainingData;
import dev.mlp4j.core.train.TrainingMemory;
import dev.mlp4j.core.train.TrainingResult;
import dev.mlp4j.core.train.TrainingState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a network by mini-batch SGD and report accuracy after every epoch.",
                "Without options: 784-100-10 on MNIST, cross-entropy, L2 5.0, lr 0.5 halved every 10 epochs, batch 10, 30 epochs (about 98 %%).",
                "Options left out take the data's preset: MNIST's above; --example circle: 2-5-5-1 sigmoid, cross-entropy, 300 epochs, "
                        + "lr 3.0; --example identity: 2-6-6-6-2 linear, quadratic, 100 epochs, lr 0.01, momentum 0.9 (both batch 10)."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

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
                    "Default: step:0.5:10 for the preset MNIST network at its preset --lr; constant once --lr, --layers, --hidden, --output or --cost is given."})
    String lrSchedule;

    @Option(names = "--momentum", paramLabel = "MU", description = "Momentum coefficient in [0, 1).")
    Double momentum;

    @Option(names = "--l2", paramLabel = "LAMBDA", description = {"L2 regularisation λ (Nielsen's form, scaled by the training-set size).",
            "Default: the preset's (5.0 on MNIST) for the preset network; 0 once --layers, --hidden, --output or --cost is given."})
    Double l2;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0", description = "Probability of dropping each hidden unit.")
    double dropout;

    @Option(names = "--init", paramLabel = "SCHEME", description = "Weight initialisation: uniform, normal, normal-scaled, xavier, he. Default: normal-scaled.")
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

    /** Where the run writes, and its hold on the checkpoint folder until the run ends. */
    private RunOutputs outputs;

    @Override
    public Integer call() throws Exception {
        try {
            return trainAndReport();
        } finally {
            if (outputs != null) {
                outputs.close();
            }
        }
    }

    private Integer trainAndReport() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        data.checkOptions();
        // Usage errors first: a wrong --backend or --device is said even where no data would be found.
        backendChoice.check();
        RunStart start = resume != null ? Resumption.start(resume, this, spec.commandLine().getParseResult()) : freshStart();
        TrainSettings settings = start.settings();
        TrainingConfig config = settings.config();
        // Checked before the data loads, so a wrong folder costs no time.
        outputs = new RunOutputs(save, given("--save"), report, checkpoint, resume);
        outputs.checkAndLock();
        DataChoice.Loaded loaded = dataChoice(settings).load(settings.seed());
        DataIdentity identity = checkData(start, loaded.data());
        printHeader(out, start, config, loaded);
        Backends.Selection selection = selectBackend(out, start);
        return train(out, start, config, loaded, identity, selection);
    }

    /** Refuses data the network cannot train on, or other data than the resumed run's; the data's identity for a checkpoint. */
    private DataIdentity checkData(RunStart start, TrainingData td) {
        NetworkSpec net = start.settings().network();
        NetworkFit.checkLayers(net, td);
        checkTargets(net, td);
        DataIdentity identity = outputs.checkpointDir() != null ? DataIdentity.of(start.settings().dataName(), td) : null;
        if (start.resumedFrom() != null) {
            Resumption.checkSameData(start, identity, spec.commandLine().getParseResult().hasMatchedOption("--data"));
        }
        return identity;
    }

    private void printHeader(PrintWriter out, RunStart start, TrainingConfig config, DataChoice.Loaded loaded) {
        TrainSettings settings = start.settings();
        NetworkSpec net = settings.network();
        if (start.resumedFrom() != null) {
            out.println("resuming " + start.resumedFrom() + " after epoch " + start.state().epochsDone());
        }
        out.println("data: " + loaded.description());
        out.println("network: " + net + ", " + net.parameterCount() + " parameters, init " + config.init());
        out.println("training: " + trainingLine(config));
        String wholeSet = wholeSetNote(config, loaded.data().train().size());
        if (wholeSet != null) {
            out.println("note: " + wholeSet);
        }
        if (config.patience() > 0 && loaded.data().validation() == null) {
            out.println("note: " + loaded.subject() + " has no validation set, so --patience judges each epoch by its training cost");
        }
    }

    /** The backend to train on: the one given, else the resumed run's, else the default. */
    private Backends.Selection selectBackend(PrintWriter out, RunStart start) {
        if (start.backend() != null && !spec.commandLine().getParseResult().hasMatchedOption("--backend")) {
            backendChoice.backend = start.backend();
        }
        Backends.Selection selection = backendChoice.select(start.settings().network(),
                StepWork.training(start.settings().network(), start.settings().config().batchSize()));
        if (start.backends().anyOtherThan(selection.backend().info().name())) {
            out.println("note: " + start.backends().describe() + "; the rest runs on "
                    + selection.backend().info().name() + ", so the result will not match an uninterrupted run to the last bit");
        }
        out.println(selection.explanation());
        out.flush();
        return selection;
    }

    /**
     * Trains with the epoch lines, progress, checkpoint and report as listeners (the checkpoint written first), then
     * ends the run; returns the exit code.
     */
    private int train(PrintWriter out, RunStart start, TrainingConfig config, DataChoice.Loaded loaded,
                      DataIdentity identity, Backends.Selection selection) {
        TrainingData td = loaded.data();
        KeptParameters keeper = new KeptParameters(start.state(), config.patience() > 0);
        try (Backend backend = selection.backend()) {
            Trainer trainer = new Trainer(config);
            OutputFailures failures = new OutputFailures(trainer::cancel);
            trainer.addListener(new TrainingProgress(progress.display(spec.commandLine().getErr()), td.train().size(), config.batchSize()));
            trainer.addListener(new EpochPrinter(out, config.epochs()));
            trainer.addListener(keeper);
            CheckpointWriter checkpointWriter = checkpointWriter(start, config, loaded, identity, selection);
            if (checkpointWriter != null) {
                trainer.addListener(failures.guard(checkpointWriter));
            }
            TrainingReport reporter = reportWriter(trainer, backend, start, config, loaded, selection);
            if (reporter != null) {
                trainer.addListener(failures.guard(reporter));
            }
            // Ctrl-C or SIGTERM from here on stops training after the current batch; Main.run disarms it at the very end,
            // so a signal during the writes below waits for them.
            Interruption.arm(trainer::cancel);
            TrainingResult result = trainer.train(backend, start.state(), td);
            TrainingOutcome outcome = TrainingOutcome.of(result, keeper, failures, reporter, checkpointWriter,
                    outputs.save() != null || outputs.checkpointDir() != null);
            TrainEnding ending = new TrainEnding(start, config, outputs, outcome, backend.info(), loaded.dataset());
            // The model before the report: after a signal the JVM waits for the run only so long, and a report can be made again.
            ending.saveModel();
            finishReport(outcome);
            return ending.print(out, spec.commandLine().getErr(), common.json);
        }
    }

    /** The writer of a checkpoint after every epoch; null without a checkpoint folder. */
    private CheckpointWriter checkpointWriter(RunStart start, TrainingConfig config, DataChoice.Loaded loaded, DataIdentity identity,
                                              Backends.Selection selection) {
        if (outputs.checkpointDir() == null) {
            return null;
        }
        return new CheckpointWriter(outputs.checkpointDir(), start.settings(), config, start.accuracies(),
                selection.backend().info().name(), start.backends(), identity, loaded.dataset());
    }

    /** The writer of the --report folder after every epoch; null without --report. */
    private TrainingReport reportWriter(Trainer trainer, Backend backend, RunStart start, TrainingConfig config, DataChoice.Loaded loaded,
                                        Backends.Selection selection) {
        if (report == null) {
            return null;
        }
        NetworkSpec net = start.settings().network();
        return new TrainingReport(report, backend, loaded.data(), "train: " + loaded.label() + ", " + net,
                reportFacts(loaded, net, config, selection), start.state().history(), start.accuracies(), config.epochs(),
                trainer::isCancelled);
    }

    /** The report of the model the run keeps, with how the run ended; needs the backend still open. */
    private static void finishReport(TrainingOutcome outcome) {
        TrainingReport reporter = outcome.reporter();
        if (reporter != null) {
            Parameters kept = outcome.keeper().parameters(outcome.result());
            outcome.failures().attempt(reporter, () -> reporter.finish(kept, outcome.stopMessage()));
        }
    }

    /** A new run: options over the preset's defaults, parameters drawn from the seed. */
    private RunStart freshStart() {
        Presets preset = Presets.forData(data);
        NetworkSpec net = network.spec(preset.spec());
        WeightInit scheme;
        try {
            scheme = init == null ? preset.init() : WeightInit.fromId(init);
        } catch (InvalidInputException e) {
            throw new UsageException(OptionWords.sentence(e), e);
        }
        String dataDir = data.isExample() ? null : DataLocator.require(data.data, data.dataset()).dir().toString();
        TrainSettings s = new TrainSettings(net, epochs == null ? preset.epochs() : epochs, batch == null ? preset.batch() : batch,
                lr == null ? preset.learningRate() : lr, schedule(preset), momentum == null ? preset.momentum() : momentum,
                l2 != null ? l2 : network.isDefault() ? preset.l2() : 0.0, dropout, scheme, seed, patience,
                data.dataset().id(), data.example, dataDir);
        TrainingConfig config = s.config();
        // Before the parameters are drawn: a network far beyond the heap is refused with the memory it needs.
        TrainingMemory.requireFits(net, config.batchSize(), Runtime.getRuntime().maxMemory());
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

    /**
     * A batch larger than the training set is taken as the whole set (the trainer caps it), which is rarely what was
     * meant: each epoch is then one step, so a run of tens of epochs barely leaves its initialisation. Null otherwise.
     */
    static String wholeSetNote(TrainingConfig config, int trainingExamples) {
        if (config.batchSize() <= trainingExamples) {
            return null;
        }
        return "--batch " + config.batchSize() + " is more than the " + trainingExamples + " training examples, so each batch"
                + " is the whole set: one step per epoch, " + config.epochs() + (config.epochs() == 1 ? " step" : " steps")
                + " in all, which learns far less than mini-batches do; for mini-batch SGD give a --batch below "
                + trainingExamples + " (e.g. 10).";
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

    /** The text an option was given as, before it became a Path (which drops a final slash); null when not given. */
    private String given(String option) {
        OptionSpec o = spec.commandLine().getParseResult().matchedOption(option);
        List<String> values = o == null ? List.of() : o.originalStringValues();
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** Refuses targets the cost cannot score (the trainer would too, but only after the run's header is printed). */
    private static void checkTargets(NetworkSpec net, TrainingData td) {
        Problem problem = td.targetProblem(net.cost());
        if (problem != null) {
            throw new UsageException(problem.sentence(OptionWords.WORDS));
        }
    }
}
