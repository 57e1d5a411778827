package dev.mlp4j.core.train.checkpoint;

import dev.mlp4j.core.train.TrainingListener;
import dev.mlp4j.core.train.TrainingState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Makes a run resumable: after every epoch, replaces the checkpoint in a folder with the trainer's whole state
 * ({@link CheckpointFile}, atomically, so a run killed at any moment leaves its last complete epoch). To continue,
 * {@link #resume(Path)} reads it back and {@code new Trainer(config).train(backend, checkpoint.state(), data)} carries
 * on from it, ending bit for bit as a run that never stopped, given the same {@code TrainingConfig} and data.
 *
 * <p>The config is not stored: a learning-rate schedule is code, not data. A caller keeps what it needs to build the
 * config again, and anything else of its own, in the checkpoint's context, which the {@code context} function
 * gives for each epoch (the command line keeps its options, the backend and the data's identity there).
 */
public final class Checkpointer implements TrainingListener {
    private final Path dir;
    private final Function<TrainingState, Map<String, Object>> context;
    /** The epoch of the checkpoint this checkpointer last wrote; 0 before its first. */
    private int savedEpoch;

    /** Checkpoints with an empty context into folder {@code dir}, made when missing. */
    public Checkpointer(Path dir) {
        this(dir, state -> Map.of());
    }

    /**
     * @param dir     the checkpoint folder, made when missing
     * @param context the caller's fields for the checkpoint after a given state (see {@link Checkpoint#context()})
     */
    public Checkpointer(Path dir, Function<TrainingState, Map<String, Object>> context) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The checkpoint in folder {@code dir}: its state, to train on from, and the context it was saved with. */
    public static Checkpoint resume(Path dir) {
        return CheckpointFile.load(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Replaces the folder's checkpoint with {@code state}; what {@link #onEpochState} does, with the failure to handle. */
    public void save(TrainingState state) throws IOException {
        CheckpointFile.save(new Checkpoint(state, context.apply(state)), dir);
        savedEpoch = state.epochsDone();
    }

    /** The epoch of the checkpoint this checkpointer last wrote (the one a resume continues from); 0 when none. */
    public int savedEpoch() {
        return savedEpoch;
    }

    @Override
    public boolean wantsState() {
        return true;
    }

    /** Saves the state; a failure to write stops training with an {@link UncheckedIOException}. */
    @Override
    public void onEpochState(TrainingState state) {
        try {
            save(state);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the checkpoint to " + dir + ": " + e.getMessage(), e);
        }
    }
}
