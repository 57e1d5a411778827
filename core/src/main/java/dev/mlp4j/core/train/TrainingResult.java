package dev.mlp4j.core.train;

import dev.mlp4j.core.Fix;
import dev.mlp4j.core.SettingWords;
import dev.mlp4j.core.nn.Parameters;

import java.util.List;

/**
 * The outcome of a training run.
 *
 * @param parameters the parameters kept: the best epoch's when early stopping kept the best, else the last
 * @param history    one entry per completed epoch
 * @param bestEpoch  1-based epoch with the best {@link EpochResult#score()} (0 when no epoch completed)
 * @param stop       why training ended
 * @param said       a sentence for the user about how it ended, with any setting it names kept apart
 *                   ({@link #message(SettingWords)})
 */
public record TrainingResult(Parameters parameters, List<EpochResult> history, int bestEpoch, StopReason stop,
                             Fix said) {

    /** How it ended, as a sentence in the words of the Java API. */
    public String message() {
        return message(SettingWords.JAVA);
    }

    /** How it ended, as a sentence with its settings in {@code words}. */
    public String message(SettingWords words) {
        return said == null ? null : said.render(words);
    }

    public enum StopReason { COMPLETED, EARLY_STOPPED, CANCELLED, DIVERGED, BACKEND_FAILED }

    public EpochResult last() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    public EpochResult best() {
        return bestEpoch == 0 ? null : history.get(bestEpoch - 1);
    }
}
