package dev.mlp4j.cli.train;

import dev.mlp4j.cli.options.OptionWords;
import dev.mlp4j.cli.ExitCodes;
import dev.mlp4j.cli.Interruption;
import dev.mlp4j.cli.JsonOutput;
import dev.mlp4j.cli.options.OutputPaths;
import dev.mlp4j.cli.report.ReportWriter;
import dev.mlp4j.cli.train.checkpoint.CheckpointWriter;
import dev.mlp4j.cli.train.output.OutputFailures;
import dev.mlp4j.cli.train.output.RunOutputs;
import dev.mlp4j.core.backend.BackendInfo;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.train.EpochResult;
import dev.mlp4j.core.train.TrainingConfig;
import dev.mlp4j.core.train.TrainingResult;
import dev.mlp4j.core.train.checkpoint.CheckpointFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The end of a train run, once training has stopped: the stop message and summary, the model saved, where the report
 * and checkpoint are, the JSON object, and the error and exit code.
 */
final class TrainEnding {
    private final RunStart start;
    private final TrainSettings settings;
    private final TrainingConfig config;
    private final RunOutputs outputs;
    private final TrainingOutcome outcome;
    private final TrainingResult result;
    private final BackendInfo backend;
    /** The epoch whose parameters the run keeps, or null when none completed. */
    private final EpochResult kept;
    /** What the run read, as {@link DataChoice.Loaded#dataset()} names it. */
    private final String dataset;
    /** Whether {@link #saveModel} wrote the model to --save. */
    private boolean saved;

    TrainEnding(RunStart start, TrainingConfig config, RunOutputs outputs, TrainingOutcome outcome, BackendInfo backend, String dataset) {
        this.start = start;
        this.settings = start.settings();
        this.config = config;
        this.outputs = outputs;
        this.outcome = outcome;
        this.result = outcome.result();
        this.backend = backend;
        this.kept = outcome.keeper().epoch(result);
        this.dataset = dataset;
    }

    /** Prints the end of the run to {@code out}, and an error or interruption to {@code err}; returns the exit code. */
    int print(PrintWriter out, PrintWriter err, boolean printJson) {
        if (outcome.interrupted() == null) {
            // An interruption is said once, on stderr with how to go on (printError), as a shell reports Ctrl-C.
            out.println(outcome.stopMessage());
        }
        String summary = summary(result, kept);
        if (summary != null) {
            out.println(summary);
        }
        printSave(out);
        boolean reported = outputs.report() != null && !outcome.failures().failed(outcome.reporter());
        if (reported) {
            out.println("report: " + outputs.report().resolve(ReportWriter.INDEX));
        }
        CheckpointState checkpoint = checkpointState();
        printCheckpoint(out, checkpoint);
        String error = error(saved, checkpoint);
        int exitCode = exitCode(error);
        if (printJson) {
            JsonOutput.print(out, json(saved, reported, checkpoint, error, exitCode));
        }
        printError(err, checkpoint, error);
        return exitCode;
    }

    /** Saves the kept model to --save, if given and an epoch completed; before {@link #print}, which says so. */
    void saveModel() {
        Path save = outputs.save();
        if (save == null || kept == null) {
            return;
        }
        Model model = new Model(settings.network(), outcome.keeper().parameters(result),
                ModelRecord.of(config, dataset, backend.name(), result.history().size(), kept));
        OutputFailures failures = outcome.failures();
        failures.attempt(save, () -> {
            try {
                ModelFile.save(model, save);
            } catch (IOException e) {
                throw OutputPaths.failure("Cannot write the model to " + save, e);
            }
        });
        saved = !failures.failed(save);
    }

    private void printSave(PrintWriter out) {
        Path save = outputs.save();
        if (save != null && kept == null) {
            // Parameters no epoch trained are worth nothing, and the file may hold a model the user wants to keep.
            out.println("nothing saved to " + save + ": no epoch completed, so there are no trained parameters to keep");
        } else if (saved) {
            boolean lastOfAll = result.stop() == TrainingResult.StopReason.COMPLETED && kept == result.last();
            out.println("saved model to " + save + (lastOfAll ? "" : " (the parameters after epoch " + kept.epoch() + ")"));
        }
    }

    /**
     * The checkpoint folder as the run leaves it.
     *
     * @param dir          the folder, or null without one
     * @param checkpointed whether it holds a checkpoint
     * @param epoch        the epoch a resume would go on from, or 0
     * @param resumeHint   the option that resumes from it, or null without a folder
     * @param stoppedEarly whether --patience stopped the run
     */
    private record CheckpointState(Path dir, boolean checkpointed, int epoch, String resumeHint, boolean stoppedEarly) {
    }

    private CheckpointState checkpointState() {
        Path checkpointDir = outputs.checkpointDir();
        CheckpointWriter checkpointWriter = outcome.checkpointWriter();
        boolean checkpointed = checkpointDir != null && CheckpointFile.exists(checkpointDir);
        // The epoch a resume would go on from: the last this run checkpointed, else the one it resumed in that folder.
        int checkpointEpoch = checkpointWriter != null && checkpointWriter.checkpointEpoch() > 0 ? checkpointWriter.checkpointEpoch()
                : checkpointed && outputs.resumesInPlace() ? start.state().epochsDone() : 0;
        String resumeHint = checkpointDir == null ? null : "--resume " + ShellWord.of(checkpointDir);
        boolean stoppedEarly = result.stop() == TrainingResult.StopReason.EARLY_STOPPED;
        return new CheckpointState(checkpointDir, checkpointed, checkpointEpoch, resumeHint, stoppedEarly);
    }

    private void printCheckpoint(PrintWriter out, CheckpointState c) {
        boolean diverged = result.stop() == TrainingResult.StopReason.DIVERGED;
        boolean trainedNothing = start.resumedFrom() != null && result.history().size() == start.state().epochsDone();
        if (c.checkpointed() && trainedNothing && outputs.resumesInPlace()) {
            boolean more = c.epoch() < config.epochs() && !diverged;
            out.println("checkpoint: " + c.dir() + " (unchanged: this run trained no epoch; it holds epoch " + c.epoch()
                    + (more ? "; continue with " + c.resumeHint() : "") + ")");
        } else if (c.checkpointed() && diverged) {
            // Its settings are fixed on resume, so a resume would diverge where this run did: no hint that leads there.
            out.println("checkpoint: " + c.dir() + " (it holds epoch " + c.epoch() + ", before the divergence; a resume keeps the"
                    + " learning rate and would diverge again, so start a new run with a smaller --lr)");
        } else if (c.checkpointed() && c.stoppedEarly()) {
            // A resume of a run that stopped early is refused (nothing to resume): no hint that leads there.
            out.println("checkpoint: " + c.dir() + " (the run stopped early, so there is nothing to resume; its model.json is the model kept)");
        } else if (c.checkpointed()) {
            out.println("checkpoint: " + c.dir() + " (" + (c.epoch() < result.history().size() ? "it holds epoch " + c.epoch() + "; " : "")
                    + "continue with " + c.resumeHint() + ")");
        } else if (c.dir() != null && trainedNothing) {
            out.println("checkpoint: none written to " + c.dir() + " (nothing was trained in this run; the checkpoint in "
                    + start.resumedFrom() + " is unchanged)");
        } else if (c.dir() != null && outcome.failures().failed(outcome.checkpointWriter())) {
            // Its first write failed (the error says why), so the folder has no checkpoint although epochs completed.
            out.println("checkpoint: none written to " + c.dir() + " (writing it after epoch " + (start.state().epochsDone() + 1)
                    + " failed; no epoch is checkpointed)");
        } else if (c.dir() != null) {
            out.println("checkpoint: none written to " + c.dir() + " (no epoch completed)");
        }
    }

    /** Why the run failed, or null when it did not. */
    private String error(boolean saved, CheckpointState c) {
        boolean failed = result.stop() == TrainingResult.StopReason.DIVERGED || result.stop() == TrainingResult.StopReason.BACKEND_FAILED;
        String error = failed ? result.message(OptionWords.WORDS) : null;
        OutputFailures failures = outcome.failures();
        if (!failures.any()) {
            return error;
        }
        // What failed, then what the run kept and where, and how to go on: the user decides from this line alone.
        StringBuilder sb = new StringBuilder(error == null ? "" : error + " ").append(failures.describe());
        if (outcome.stoppedByFailure() != null) {
            sb.append(' ').append(outcome.stoppedByFailure());
        }
        CheckpointWriter checkpointWriter = outcome.checkpointWriter();
        if (saved) {
            sb.append(" The model is saved in ").append(outputs.save()).append('.');
        } else if (checkpointWriter != null && checkpointWriter.modelEpoch() > 0) {
            sb.append(' ').append(c.dir().resolve(CheckpointWriter.MODEL_FILE)).append(" holds the model after epoch ")
                    .append(checkpointWriter.modelEpoch()).append('.');
        }
        if (c.checkpointed() && !c.stoppedEarly() && c.epoch() < config.epochs()) {
            sb.append(" The checkpoint in ").append(c.dir()).append(" holds epoch ").append(c.epoch())
                    .append("; continue with ").append(c.resumeHint()).append('.');
        }
        return sb.toString();
    }

    private Map<String, Object> json(boolean saved, boolean reported, CheckpointState c, String error, int exitCode) {
        Map<String, Object> json = JsonOutput.object("train");
        json.put("backend", backend.name());
        json.put("device", backend.device());
        json.put("dataset", dataset);
        json.put("epochs", result.history().size());
        json.put("testAccuracy", kept == null || kept.test() == null ? null : kept.test().accuracy());
        EpochResult bestOnTest = bestOnTest(result);
        json.put("bestTestAccuracy", bestOnTest == null ? null : bestOnTest.test().accuracy());
        json.put("validationAccuracy", kept == null || kept.validation() == null ? null : kept.validation().accuracy());
        json.put("testCost", kept == null || kept.test() == null ? null : kept.test().cost());
        json.put("testMeanSquaredError", kept == null || kept.test() == null ? null : kept.test().meanSquaredError());
        json.put("secondsPerEpoch", result.history().stream().mapToDouble(EpochResult::trainingSeconds).average().orElse(0));
        json.put("examplesPerSecond", result.history().stream().mapToDouble(EpochResult::examplesPerSecond).average().orElse(0));
        json.put("stop", result.stop().name().toLowerCase(Locale.ROOT));
        json.put("model", saved ? outputs.save().toString() : null);
        json.put("keptEpoch", kept == null ? null : kept.epoch());
        json.put("resumedAfterEpoch", start.resumedFrom() == null ? null : start.state().epochsDone());
        json.put("report", reported ? outputs.report().resolve(ReportWriter.INDEX).toString() : null);
        json.put("checkpoint", c.checkpointed() ? c.dir().toString() : null);
        if (error != null) {
            json.put("error", error);
        }
        if (exitCode != ExitCodes.OK) {
            json.put("exitCode", exitCode);
        }
        return json;
    }

    /**
     * 128 + the signal's number when a signal stopped training; else 1 for a failure, 0. A signal that came after the
     * last epoch, while the outputs were written, cost nothing: the run completed, and the process ends with this code
     * all the same ({@link Interruption}), so that it agrees with the JSON line.
     */
    private int exitCode(String error) {
        if (outcome.interrupted() != null) {
            return Interruption.exitCode();
        }
        return error != null ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    /** What went wrong, on stderr: an interruption as a shell reports Ctrl-C, with how to go on, and any error. */
    private void printError(PrintWriter err, CheckpointState c, String error) {
        String interrupted = outcome.interrupted();
        if (interrupted != null) {
            // Without --save or --checkpoint the sentence already says how to keep the parameters next time.
            boolean toldHowToKeep = c.dir() == null && outputs.save() == null;
            err.println(interrupted + (c.checkpointed() ? " Continue with " + c.resumeHint() + "."
                    : c.dir() == null && !toldHowToKeep ? " A run with --checkpoint DIR can be resumed." : ""));
        }
        if (error != null) {
            // A failed run says why on stderr too, as every failing command does.
            err.println("error: " + error);
        }
        err.flush();
    }

    /**
     * The kept parameters' test figure, and the best epoch's when another did better on the test set: with a constant
     * learning rate the last epochs wander, and a reader comparing with a published figure needs to know which is which.
     */
    private static String summary(TrainingResult r, EpochResult kept) {
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
}
