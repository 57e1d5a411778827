package dev.mlp4j.cli;

import dev.mlp4j.core.train.LearningRateSchedule;
import dev.mlp4j.core.train.TrainingConfig;

/** Reads --lr-schedule: constant, step:FACTOR:EVERY or inverse:DECAY. */
final class LearningRateScheduleOption {
    private LearningRateScheduleOption() {
    }

    static void apply(TrainingConfig.Builder b, double rate, String text) {
        String[] parts = text.trim().split(":");
        try {
            switch (parts[0]) {
                case "constant" -> {
                    if (parts.length != 1) {
                        throw bad(text);
                    }
                    b.setLearningRate(rate);
                }
                case "step" -> {
                    if (parts.length != 3) {
                        throw bad(text);
                    }
                    double factor = Double.parseDouble(parts[1]);
                    int every = Integer.parseInt(parts[2]);
                    b.setLearningRate(LearningRateSchedule.stepDecay(rate, factor, every), rate + " x " + factor + " every " + every + " epochs");
                }
                case "inverse" -> {
                    if (parts.length != 2) {
                        throw bad(text);
                    }
                    double decay = Double.parseDouble(parts[1]);
                    if (!(decay >= 0)) {
                        throw bad(text);
                    }
                    b.setLearningRate(LearningRateSchedule.inverseTime(rate, decay), rate + "/(1+" + decay + "*epoch)");
                }
                default -> throw bad(text);
            }
        } catch (NumberFormatException e) {
            throw bad(text);
        }
    }

    private static UsageException bad(String text) {
        return new UsageException("Cannot read --lr-schedule '" + text + "'; use constant, step:FACTOR:EVERY (e.g. step:0.5:10) or inverse:DECAY (e.g. inverse:0.1).");
    }
}
