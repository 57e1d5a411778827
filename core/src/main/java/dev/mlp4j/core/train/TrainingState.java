package dev.mlp4j.core.train;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

import java.util.List;
import java.util.Objects;

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

    /** Refuses a state no run could continue from, before training reaches it with a bare exception. */
    public TrainingState {
        if (epochsDone < 0) {
            throw new InvalidInputException("A training state cannot have " + epochsDone + " epochs done; give 0 or more.");
        }
        if (parameters == null || velocities == null || best == null || history == null) {
            throw new InvalidInputException("The training state's " + (parameters == null ? "parameters are" : velocities == null ? "velocities are"
                    : best == null ? "best parameters are" : "history is") + " null; give all of them (TrainingState.fresh(parameters) starts a run).");
        }
        if (history.stream().anyMatch(Objects::isNull)) {
            throw new InvalidInputException("The training state's history holds a null epoch; give one EpochResult per completed epoch.");
        }
        NetworkSpec spec = parameters.spec();
        spec.requireSame(velocities.spec(), "the velocities", "the parameters are", "give velocities of the parameters' NetworkSpec");
        spec.requireSame(best.spec(), "the best parameters", "the parameters are", "give best parameters of the same NetworkSpec");
        history = List.copyOf(history);
    }

    /**
     * @param initial the parameters to start from
     * @return the state before the first epoch: zero velocities, no history
     */
    public static TrainingState fresh(Parameters initial) {
        if (initial == null) {
            throw new InvalidInputException("The initial parameters are null; initialise them with WeightInit.initialise(spec, random).");
        }
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
