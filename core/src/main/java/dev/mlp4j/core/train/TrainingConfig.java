package dev.mlp4j.core.train;

import dev.mlp4j.core.Fix;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;
import dev.mlp4j.core.Setting;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.WeightInit;

/**
 * How to train: Nielsen's SGD hyper-parameters plus momentum, dropout, early stopping and a seed. Immutable;
 * made with {@link #builder()}, where {@code setX} is required and {@code optX} optional.
 *
 * @param epochs       number of passes over the training set
 * @param batchSize    mini-batch size m
 * @param learningRate η per epoch
 * @param learningRateText how the rate was given, for reports and saved models (e.g. "0.5")
 * @param momentum     μ in [0, 1)
 * @param l2           Nielsen's λ (the cost gains (λ/2n)Σw² with n the training-set size)
 * @param dropout      probability of dropping a hidden unit, in [0, 1)
 * @param init         how a fresh network's weights are drawn
 * @param seed         makes initialisation, shuffling and dropout repeat bit for bit
 * @param patience     stop after this many epochs without a better validation score (0: never stop early)
 */
public record TrainingConfig(int epochs, int batchSize, LearningRateSchedule learningRate, String learningRateText,
                             double momentum, double l2, double dropout, WeightInit init, long seed, int patience) {

    public TrainingConfig {
        if (epochs < 1) {
            throw refusal("The number of epochs must be at least 1", epochs, Fix.of("try ", Setting.EPOCHS.at("30")));
        }
        if (batchSize < 1) {
            throw refusal("The mini-batch size must be at least 1", batchSize, Fix.of("try ", Setting.BATCH.at("10")));
        }
        if (learningRate == null) {
            throw new InvalidInputException(new Problem("A learning rate is required", null, Fix.of("try ", Setting.LEARNING_RATE.at("0.5"))));
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw refusal("Momentum must be in [0, 1)", momentum, Fix.of("try ", Setting.MOMENTUM.at("0.9"), " or leave it out"));
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw refusal("The L2 strength must be zero or positive", l2, Fix.of("try ", Setting.L2.at("5.0"), " or leave it out"));
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw refusal("The dropout rate must be in [0, 1)", dropout, Fix.of("try ", Setting.DROPOUT.at("0.5"), " or leave it out"));
        }
        if (patience < 0) {
            throw new InvalidInputException(new Problem("Patience must be zero (off) or a positive number of epochs", String.valueOf(patience), null));
        }
        if (init == null) {
            init = WeightInit.NORMAL_SCALED;
        }
    }

    private static InvalidInputException refusal(String what, Object given, Fix fix) {
        return new InvalidInputException(new Problem(what, String.valueOf(given), fix));
    }

    /**
     * Refuses settings that could not act on {@code network}: dropout on a network without hidden layers would be
     * a setting that silently does nothing.
     *
     * @param network the network to be trained with these settings
     * @throws InvalidInputException when a setting cannot act on it
     */
    public void requireFor(NetworkSpec network) {
        if (dropout > 0 && network.depth() == 1) {
            throw new InvalidInputException(new Problem("Dropout " + dropout + " acts on hidden layers, and the network "
                    + network.layersText() + " has none", null,
                    Fix.of("set the dropout to 0 (leave ", Setting.DROPOUT.alone(), " out) or add a hidden layer")));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private int epochs = -1;
        private int batchSize = -1;
        private LearningRateSchedule learningRate;
        private String learningRateText;
        private double momentum;
        private double l2;
        private double dropout;
        private WeightInit init = WeightInit.NORMAL_SCALED;
        private long seed = 1;
        private int patience;

        public Builder setEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder setBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder setLearningRate(double rate) {
            this.learningRate = LearningRateSchedule.constant(rate);
            this.learningRateText = Double.toString(rate);
            return this;
        }

        public Builder setLearningRate(LearningRateSchedule schedule, String description) {
            this.learningRate = schedule;
            this.learningRateText = description;
            return this;
        }

        public Builder optMomentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder optL2(double l2) {
            this.l2 = l2;
            return this;
        }

        public Builder optDropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        public Builder optInit(WeightInit init) {
            this.init = init;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optPatience(int patience) {
            this.patience = patience;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(epochs, batchSize, learningRate, learningRateText, momentum, l2, dropout, init, seed, patience);
        }
    }
}
