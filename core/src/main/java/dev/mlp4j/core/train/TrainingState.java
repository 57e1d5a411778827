package dev.mlp4j.core.train;

import dev.mlp4j.core.nn.Parameters;

import java.util.List;

/**
 * Everything a run needs to continue after an epoch as if it had never stopped: the parameters, the momentum
 * velocities, and the early-stopping book-keeping. Shuffling and dropout are functions of (seed, epoch, step),
 * so no random generator state needs saving.
 *
 * @param epochsDone        completed epochs
 * @param parameters        parameters after epoch {@code epochsDone}
 * @param velocities        momentum velocities at that point
 * @param best              parameters of the best epoch so far (may be the same object as parameters)
 * @param history           the completed epochs
 */
public record TrainingState(int epochsDone, Parameters parameters, Parameters velocities, Parameters best,
                            List<EpochResult> history) {

    public TrainingState {
        history = List.copyOf(history);
    }

    public static TrainingState fresh(Parameters initial) {
        return new TrainingState(0, initial, new Parameters(initial.spec()), initial, List.of());
    }

    /** 1-based best epoch by {@link EpochResult#score()}, 0 when none. */
    public int bestEpoch() {
        int best = 0;
        for (int i = 0; i < history.size(); i++) {
            if (best == 0 || history.get(i).score() > history.get(best - 1).score()) {
                best = i + 1;
            }
        }
        return best;
    }
}
