package dev.mlp4j.core.train;

import dev.mlp4j.core.nn.Parameters;

import java.util.List;

/**
 * Which epoch scored best so far ({@link EpochResult#score()}), and, when asked to keep it, a copy of its
 * parameters: what a run with early stopping hands back instead of its last epoch's. Without early stopping only
 * the epoch is tracked, so no run pays for copying parameters it will not return.
 */
final class KeepBest {
    private final boolean keep;
    private int epoch;
    /** The best epoch's parameters; null between a better epoch and the copy taken of it, or when none is kept. */
    private Parameters parameters;

    /**
     * @param keep  whether to keep a copy of the best epoch's parameters
     * @param state where the run starts: its best epoch and parameters carry over from a checkpoint
     */
    KeepBest(boolean keep, TrainingState state) {
        this.keep = keep;
        this.epoch = state.bestEpoch();
        this.parameters = state.best();
    }

    /** Takes in a completed epoch, which reached {@code after}; {@code history} ends with it. */
    void afterEpoch(EpochResult result, List<EpochResult> history, Parameters after) {
        if (epoch == 0 || result.score() > history.get(epoch - 1).score()) {
            epoch = result.epoch();
            parameters = null;
        }
        if (parameters == null && keep) {
            parameters = after;
        }
    }

    /** 1-based best epoch, 0 when none has completed. */
    int epoch() {
        return epoch;
    }

    /** The parameters to save as "best" beside {@code now}, the current ones, in a checkpoint. */
    Parameters bestOr(Parameters now) {
        return parameters == null ? now : parameters;
    }

    /** The parameters the run hands back, or null when the run keeps its current ones. */
    Parameters kept() {
        return keep && parameters != null ? parameters : null;
    }

    /** How a sentence about a cancel in the middle of an epoch ends: which parameters the run keeps. */
    String keptOnCancelDuringEpoch() {
        if (kept() == null) {
            return "; the parameters are those reached so far.";
        }
        // With early stopping the best epoch is kept, not the half-trained parameters.
        return epoch == 0 ? "; keeping the starting parameters." : "; keeping epoch " + epoch + ", the best so far.";
    }

    /** How a sentence about a cancel between epochs ends, after {@code epochsDone}. */
    String keptOnCancelAfter(int epochsDone) {
        return kept() != null && epoch != epochsDone ? "; keeping epoch " + epoch + ", the best so far." : ".";
    }
}
