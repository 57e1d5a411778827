package dev.mlp4j.core.reliability;

import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.train.Trainer;
import dev.mlp4j.core.train.TrainingListener;
import dev.mlp4j.core.train.TrainingState;
import dev.mlp4j.core.train.checkpoint.Checkpoint;
import dev.mlp4j.core.train.checkpoint.CheckpointFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a child JVM that the test kills with -9: trains {@link CheckpointKillTest}'s run, saving a checkpoint to
 * the folder named by the first argument after every epoch and printing "epoch N" once it is saved.
 */
public final class CheckpointRunMain {
    private CheckpointRunMain() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Trainer trainer = new Trainer(CheckpointKillTest.config()).addListener(new TrainingListener() {
            @Override
            public boolean wantsState() {
                return true;
            }

            @Override
            public void onEpochState(TrainingState state) {
                try {
                    CheckpointFile.save(new Checkpoint(state, Map.of("run", "reliability")), dir);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                System.out.println("epoch " + state.epochsDone());
                System.out.flush();
            }
        });
        try (ReferenceBackend backend = new ReferenceBackend(CheckpointKillTest.SPEC)) {
            trainer.train(backend, CheckpointKillTest.initial(), CheckpointKillTest.data());
        }
        System.out.println("done");
    }
}
