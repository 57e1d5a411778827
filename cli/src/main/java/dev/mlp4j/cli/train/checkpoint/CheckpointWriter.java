package dev.mlp4j.cli.train.checkpoint;

import dev.mlp4j.cli.options.OutputPaths;
import dev.mlp4j.cli.train.ModelRecord;
import dev.mlp4j.cli.train.Resumption;
import dev.mlp4j.cli.train.TrainSettings;
import dev.mlp4j.cli.train.TrainingAccuracies;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.train.TrainingConfig;
import dev.mlp4j.core.train.TrainingListener;
import dev.mlp4j.core.train.TrainingState;
import dev.mlp4j.core.train.checkpoint.Checkpointer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * After every epoch, replaces the checkpoint in a folder: checkpoint.json (all a resume needs, written by core's
 * {@link Checkpointer} with the command line's records in its context) and model.json (the model as --save would
 * write it if the run ended now, ready for eval or predict). Each file is replaced atomically, so killing the run at
 * any moment leaves the last complete epoch.
 */
public final class CheckpointWriter implements TrainingListener {
    public static final String MODEL_FILE = "model.json";

    private final Path dir;
    private final TrainSettings settings;
    private final TrainingConfig config;
    private final TrainingAccuracies accuracies;
    private final String backend;
    private final BackendHistory backendsBefore;
    private final DataIdentity data;
    private final String dataset;
    private final Checkpointer checkpointer;
    /** The epoch of the parameters the folder's model.json holds as written by this run; 0 before its first. */
    private int modelEpoch;

    /**
     * @param backendsBefore where the epochs before this session ran (none for a fresh run)
     * @param data           what the run trains on, kept so a resume can refuse other data
     * @param dataset        what the run read, as {@link DataChoice.Loaded#dataset()} names it, for the model's record
     */
    public CheckpointWriter(Path dir, TrainSettings settings, TrainingConfig config, TrainingAccuracies accuracies, String backend,
                     BackendHistory backendsBefore, DataIdentity data, String dataset) {
        this.dir = dir;
        this.settings = settings;
        this.config = config;
        this.accuracies = accuracies;
        this.backend = backend;
        this.backendsBefore = backendsBefore;
        this.data = data;
        this.dataset = dataset;
        this.checkpointer = new Checkpointer(dir, this::context);
    }

    @Override
    public boolean wantsState() {
        return true;
    }

    @Override
    public void onEpochState(TrainingState state) {
        boolean keepBest = settings.patience() > 0;
        Parameters kept = keepBest ? state.best() : state.parameters();
        int keptEpoch = keepBest ? state.bestEpoch() : state.epochsDone();
        try {
            checkpointer.save(state);
            ModelFile.save(new Model(kept.spec(), kept, ModelRecord.of(config, dataset, backend, state.epochsDone(),
                    keptEpoch == 0 ? null : state.history().get(keptEpoch - 1))), dir.resolve(MODEL_FILE));
            modelEpoch = keptEpoch;
        } catch (IOException e) {
            throw OutputPaths.failure("Cannot write the checkpoint to " + dir, e);
        }
    }

    /** The command line's records beside the state: what {@link Resumption} reads back. */
    private Map<String, Object> context(TrainingState state) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(Resumption.SETTINGS, settings.toMap());
        context.put(Resumption.TRAINING_ACCURACY, accuracies.upTo(state.epochsDone()));
        context.put(Resumption.BACKEND, backend);
        context.put(BackendHistory.KEY, backendsBefore.extendedTo(backend, state.epochsDone()).toJson());
        context.put(DataIdentity.KEY, data.toMap());
        return context;
    }

    /** The epoch of the checkpoint this run last wrote (the one a resume continues from); 0 when none. */
    public int checkpointEpoch() {
        return checkpointer.savedEpoch();
    }

    /** The epoch of the parameters in the model.json this run last wrote; 0 when none. */
    public int modelEpoch() {
        return modelEpoch;
    }
}
