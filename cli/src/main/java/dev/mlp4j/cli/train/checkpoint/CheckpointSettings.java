package dev.mlp4j.cli.train.checkpoint;

import dev.mlp4j.cli.UsageException;
import dev.mlp4j.cli.train.LearningRateScheduleOption;
import dev.mlp4j.cli.train.TrainSettings;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;
import dev.mlp4j.core.io.JsonFields;
import dev.mlp4j.core.train.TrainingConfig;

import java.util.function.Consumer;

/**
 * The training settings a checkpoint holds, checked by the trainer's own rules one field at a time, so that a
 * damaged checkpoint is named as such (the file, the field; exit 1) rather than read as a bad option ("try
 * --batch 10"): the command line that resumes it is not what is wrong.
 */
public final class CheckpointSettings {
    private CheckpointSettings() {
    }

    /** @param path where the settings are in the file, e.g. "context.settings" */
    public static void check(JsonFields f, TrainSettings s, String path) {
        field(f, path, "epochs", s.epochs(), b -> b.setEpochs(s.epochs()));
        field(f, path, "batch", s.batch(), b -> b.setBatchSize(s.batch()));
        field(f, path, "learningRate", s.learningRate(), b -> b.setLearningRate(s.learningRate()));
        field(f, path, "lrSchedule", "\"" + s.lrSchedule() + "\"", b -> {
            String problem = LearningRateScheduleOption.set(b, s.learningRate(), s.lrSchedule());
            if (problem != null) {
                throw new InvalidInputException(new Problem("not a learning-rate schedule: " + problem, null, null));
            }
        });
        field(f, path, "momentum", s.momentum(), b -> b.optMomentum(s.momentum()));
        field(f, path, "l2", s.l2(), b -> b.optL2(s.l2()));
        field(f, path, "dropout", s.dropout(), b -> b.optDropout(s.dropout()));
        field(f, path, "patience", s.patience(), b -> b.optPatience(s.patience()));
    }

    /** Builds a configuration valid but for {@code name}'s value, and names the field when the trainer refuses it. */
    private static void field(JsonFields f, String path, String name, Object value, Consumer<TrainingConfig.Builder> set) {
        TrainingConfig.Builder b = TrainingConfig.builder().setEpochs(1).setBatchSize(1).setLearningRate(1.0);
        try {
            set.accept(b);
            b.build();
        } catch (InvalidInputException e) {
            throw damaged(f, path + "." + name, value, e.problem().map(Problem::statement).orElse(e.getMessage()));
        } catch (UsageException e) {
            throw damaged(f, path + "." + name, value, e.getMessage());
        }
    }

    /** The field a resume cannot use, with the trainer's reason but not its fix: the fix here is not an option. */
    private static InvalidInputException damaged(JsonFields f, String field, Object value, String reason) {
        return f.fail(field, "is " + value + ", which training cannot use (" + reason
                + "); the checkpoint is damaged: resume from another one, or start the run again");
    }
}
