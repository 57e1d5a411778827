package dev.mlp4j.cli.train;

import dev.mlp4j.cli.UsageException;
import dev.mlp4j.core.train.LearningRateSchedule;
import dev.mlp4j.core.train.TrainingConfig;

/** Reads --lr-schedule: constant, step:FACTOR:EVERY or inverse:DECAY. */
public final class LearningRateScheduleOption {
    private static final String FORMS = "use constant, step:FACTOR:EVERY (e.g. step:0.5:10) or inverse:DECAY (e.g. inverse:0.1)";

    private LearningRateScheduleOption() {
    }

    static void apply(TrainingConfig.Builder b, double rate, String text) {
        String problem = set(b, rate, text);
        if (problem != null) {
            throw new UsageException("Cannot read --lr-schedule '" + text.trim() + "': " + problem + ".");
        }
    }

    /**
     * Sets the schedule on {@code b}, or says why {@code text} is not one, as a clause without the option's name
     * (a checkpoint holds the same text). A rate out of range still throws the core's sentence.
     */
    public static String set(TrainingConfig.Builder b, double rate, String text) {
        String[] parts = text.trim().split(":");
        try {
            switch (parts[0]) {
                case "constant" -> {
                    if (parts.length != 1) {
                        return FORMS;
                    }
                    b.setLearningRate(rate);
                }
                case "step" -> {
                    if (parts.length != 3) {
                        return FORMS;
                    }
                    double factor = Double.parseDouble(parts[1]);
                    int every = Integer.parseInt(parts[2]);
                    // Said here, where the value given can be named; the core's sentence cannot name it.
                    if (!(factor > 0 && factor <= 1)) {
                        return "the factor must be more than 0 and at most 1, not " + parts[1].trim() + " (e.g. step:0.5:10)";
                    }
                    if (every < 1) {
                        return "the period must be at least 1 epoch, not " + parts[2].trim() + " (e.g. step:0.5:10)";
                    }
                    b.setLearningRate(LearningRateSchedule.stepDecay(rate, factor, every), rate + " x " + factor + " every " + every + " epochs");
                }
                case "inverse" -> {
                    if (parts.length != 2) {
                        return FORMS;
                    }
                    double decay = Double.parseDouble(parts[1]);
                    if (!(decay >= 0) || Double.isInfinite(decay)) {
                        return "the decay must be a number of 0 or more, not " + parts[1] + " (e.g. inverse:0.1)";
                    }
                    b.setLearningRate(LearningRateSchedule.inverseTime(rate, decay), rate + "/(1+" + decay + "*epoch)");
                }
                default -> {
                    return FORMS;
                }
            }
        } catch (NumberFormatException e) {
            return FORMS;
        }
        return null;
    }
}
