package dev.mlp4j.core.train;

import dev.mlp4j.core.Fix;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;
import dev.mlp4j.core.Setting;

/**
 * The learning rate η of each epoch as a function of the epoch (0-based) and the previous epoch's mean training
 * cost (NaN before the first epoch ends).
 */
@FunctionalInterface
public interface LearningRateSchedule {

    double rate(int epoch, double lastCost);

    static LearningRateSchedule constant(double rate) {
        requirePositive(rate);
        return (epoch, lastCost) -> rate;
    }

    /** η₀ · factorᵏ with k = epoch / every: e.g. halve every 10 epochs. */
    static LearningRateSchedule stepDecay(double initial, double factor, int every) {
        requirePositive(initial);
        if (!(factor > 0 && factor <= 1) || every < 1) {
            throw new InvalidInputException(new Problem("A step decay needs a factor in (0, 1] and a period of at least 1 epoch", null, null));
        }
        return (epoch, lastCost) -> initial * Math.pow(factor, epoch / every);
    }

    /** η₀ / (1 + decay · epoch). */
    static LearningRateSchedule inverseTime(double initial, double decay) {
        requirePositive(initial);
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw new InvalidInputException(new Problem("An inverse-time decay needs a decay of zero or more", String.valueOf(decay),
                    Fix.of("try 0.1")));
        }
        return (epoch, lastCost) -> initial / (1 + decay * epoch);
    }

    private static void requirePositive(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new InvalidInputException(new Problem("The learning rate must be a positive number", String.valueOf(rate),
                    Fix.of("try ", Setting.LEARNING_RATE.at("0.5"))));
        }
    }
}
