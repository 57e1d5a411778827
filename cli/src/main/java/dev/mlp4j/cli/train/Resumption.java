package dev.mlp4j.cli.train;

import dev.mlp4j.cli.UsageException;
import dev.mlp4j.cli.options.OptionWords;
import dev.mlp4j.cli.options.OutputPaths;
import dev.mlp4j.cli.train.checkpoint.BackendHistory;
import dev.mlp4j.cli.train.checkpoint.CheckpointSettings;
import dev.mlp4j.cli.train.checkpoint.CheckpointWriter;
import dev.mlp4j.cli.train.checkpoint.DataIdentity;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.DataLocator;
import dev.mlp4j.core.data.MnistFiles;
import dev.mlp4j.core.io.AtomicFiles;
import dev.mlp4j.core.io.JsonFields;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.core.train.TrainingState;
import dev.mlp4j.core.train.checkpoint.Checkpoint;
import dev.mlp4j.core.train.checkpoint.CheckpointFile;
import dev.mlp4j.core.train.checkpoint.Checkpointer;
import picocli.CommandLine.ParseResult;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Continues a run from its checkpoint, read by core's {@link Checkpointer#resume}; this adds what the command line
 * keeps in the checkpoint's context. The settings come from the checkpoint; an option given again must agree
 * with it, because a run that changed its learning rate or data halfway would not be the run it claims to
 * continue. --epochs is the exception: it may extend a run.
 */
public final class Resumption {
    public static final String SETTINGS = "settings";
    public static final String TRAINING_ACCURACY = "trainingAccuracy";
    public static final String BACKEND = "backend";

    private Resumption() {
    }

    static RunStart start(Path dir, TrainCommand c, ParseResult given) {
        Checkpoint checkpoint = Checkpointer.resume(dir);
        String source = CheckpointFile.file(dir).toString();
        JsonFields f = new JsonFields(source);
        Map<String, Object> context = checkpoint.context();
        TrainSettings stored = TrainSettings.fromMap(f, f.object(f.required(context, SETTINGS, "context"), "context." + SETTINGS),
                "context." + SETTINGS, checkpoint.spec());
        CheckpointSettings.check(f, stored, "context." + SETTINGS);
        refuseContradictions(stored, c, given);
        TrainingState state = checkpoint.state();
        int done = state.epochsDone();
        TrainSettings settings = stored;
        if (given.hasMatchedOption("--epochs")) {
            if (c.epochs < done) {
                throw new UsageException("--epochs " + c.epochs + " is fewer than the " + done + " epochs the checkpoint in "
                        + dir + " has already done; give at least " + done + ".");
            }
            settings = settings.withEpochs(c.epochs);
        }
        if (settings.patience() > 0 && done > 0 && done - state.bestEpoch() >= settings.patience()) {
            boolean validated = !state.history().isEmpty() && state.history().get(state.history().size() - 1).validation() != null;
            throw new UsageException("The run in " + dir + " already stopped early after epoch " + done + " (no "
                    + (validated ? "better validation score" : "lower training cost") + " for "
                    + settings.patience() + " epochs); there is nothing to resume. Its best model (epoch " + state.bestEpoch() + ") is "
                    + dir.resolve(CheckpointWriter.MODEL_FILE) + ".");
        }
        settings = settings.withDataDir(dataDir(settings, c));
        String backend = context.get(BACKEND) instanceof String b ? b : null;
        return new RunStart(settings, state, TrainingAccuracies.fromJson(context.get(TRAINING_ACCURACY)), dir, backend,
                BackendHistory.fromContext(context, done), DataIdentity.fromContext(context));
    }

    /** --data may point somewhere else (the data moved); without it, the folder the run used, else the usual places. */
    private static String dataDir(TrainSettings s, TrainCommand c) {
        if (s.example() != null) {
            if (c.data.data != null) {
                throw new UsageException("The checkpoint trained on the generated example " + s.example() + ", so --data "
                        + c.data.data + " would be ignored; leave --data out when resuming it.");
            }
            return null;
        }
        if (c.data.data != null) {
            return c.data.data;
        }
        if (s.dataDir() != null && MnistFiles.present(Paths.get(s.dataDir()))) {
            return s.dataDir();
        }
        Path found = DataLocator.find(null, DataLocator.Dataset.fromId(s.dataset()));
        return found == null ? s.dataDir() : found.toString();
    }

    private static void refuseContradictions(TrainSettings s, TrainCommand c, ParseResult given) {
        NetworkSpec net = s.network();
        try {
            check(given, "--layers", () -> NetworkSpec.parseLayers(c.network.layers), net.layers(), net.layersText());
            check(given, "--hidden", () -> hiddenGiven(c.network.hidden, net), net.hiddenActivations(), net.hiddenText());
            check(given, "--output", () -> Activation.fromId(c.network.output), net.output(), net.output().id());
            check(given, "--cost", () -> Cost.fromId(c.network.cost), net.cost(), net.cost().id());
            check(given, "--init", () -> WeightInit.fromId(c.init), s.init(), s.init().id());
        } catch (InvalidInputException e) {
            throw new UsageException(OptionWords.sentence(e), e);
        }
        check(given, "--batch", () -> c.batch, s.batch(), s.batch());
        check(given, "--lr", () -> c.lr, s.learningRate(), s.learningRate());
        check(given, "--lr-schedule", () -> c.lrSchedule.trim(), s.lrSchedule(), s.lrSchedule());
        check(given, "--momentum", () -> c.momentum, s.momentum(), s.momentum());
        check(given, "--l2", () -> c.l2, s.l2(), s.l2());
        check(given, "--dropout", () -> c.dropout, s.dropout(), s.dropout());
        check(given, "--seed", () -> c.seed, s.seed(), s.seed());
        check(given, "--patience", () -> c.patience, s.patience(), s.patience());
        check(given, "--example", () -> c.data.example, s.example(), s.example() == null ? "none (" + s.dataset() + ")" : s.example());
        check(given, "--dataset", () -> c.data.dataset().id(), s.example() == null ? s.dataset() : null,
                s.example() == null ? s.dataset() : "none (example " + s.example() + ")");
    }

    /** --hidden as the checkpoint's network holds it (a list of one activation repeated is that activation), checked against its layers. */
    private static List<Activation> hiddenGiven(String hidden, NetworkSpec net) {
        return new NetworkSpec(net.layers(), NetworkSpec.parseHidden(hidden), net.output(), net.cost()).hiddenActivations();
    }

    private static void check(ParseResult given, String option, Supplier<Object> value, Object stored, Object shown) {
        if (given.hasMatchedOption(option) && !Objects.equals(value.get(), stored)) {
            throw new UsageException(option + " contradicts the checkpoint, which was trained with " + option.substring(2) + " "
                    + shown + "; leave " + option + " out when resuming (only --epochs may change, to extend the run).");
        }
    }

    /**
     * Refuses data other than the data the checkpointed run trained on: --data may only say where the same data now
     * is. A usage error when --data named the folder, else (the folder's files changed) a failure.
     */
    static void checkSameData(RunStart start, DataIdentity now, boolean dataGiven) {
        DataIdentity then = start.data();
        if (then == null || then.equals(now)) {
            return;
        }
        String message = "The checkpoint in " + start.resumedFrom() + " trained on " + then + " but the data loaded now is " + now
                + "; resume with the data the run trained on (only its folder may change), or start a new run.";
        throw dataGiven ? new UsageException(message) : new InvalidInputException(message);
    }

    /** A usage error unless {@code dir} can hold a checkpoint: a fresh run must not overwrite another run's. */
    public static void checkFreshFolder(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("--checkpoint " + dir + " is a file; give a folder.");
        }
        if (CheckpointFile.exists(dir)) {
            try {
                CheckpointFile.load(dir);
            } catch (InvalidInputException e) {
                // Not a checkpoint a resume could continue: suggesting one would only lead to this error.
                throw new UsageException(dir + " holds a " + CheckpointFile.FILE_NAME + " that is not an mlp4j checkpoint ("
                        + e.problem().map(p -> p.clause(OptionWords.WORDS)).orElse(e.getMessage()) + "), and a checkpoint there would replace it; "
                        + "choose another --checkpoint folder, or move " + CheckpointFile.file(dir) + " away.", e);
            }
            throw new UsageException(dir + " already holds a checkpoint; continue that run with --resume " + ShellWord.of(dir)
                    + ", or choose another --checkpoint folder.");
        }
        // Whatever else stands under the names a checkpoint writes is not a checkpoint's: replacing it would lose it.
        for (String name : new String[] {CheckpointFile.FILE_NAME, CheckpointWriter.MODEL_FILE}) {
            if (Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                throw new UsageException(dir + " holds a " + name + " that no checkpoint wrote, and a checkpoint there would replace it; "
                        + "choose another --checkpoint folder, or move " + dir.resolve(name) + " away.");
            }
        }
        OutputPaths.checkFolder("--checkpoint", dir);
    }

    /** The checkpoint folder a resumed run goes on writing when no other --checkpoint is given. */
    public static void checkResumedFolder(Path dir) {
        String why = AtomicFiles.whyNotFolder(dir);
        if (why != null) {
            throw new UsageException("--resume " + dir + " cannot take the checkpoints of the epochs to come: " + why
                    + "; give --checkpoint DIR to write them elsewhere.");
        }
    }
}
