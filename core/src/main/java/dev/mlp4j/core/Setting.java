package dev.mlp4j.core;

/**
 * A choice a user of mlp4j makes and can change to get past a refusal: the network's shape and the training
 * settings. A {@link Problem}'s fix names one; each front end writes it in its own words ({@link SettingWords}): the
 * command line as an option, a verify file as a field, Java as the builder method or argument.
 */
public enum Setting {
    LAYERS("the layer sizes"),
    HIDDEN("the hidden activation"),
    OUTPUT("the output activation"),
    COST("the cost"),
    EPOCHS("setEpochs"),
    BATCH("setBatchSize"),
    LEARNING_RATE("setLearningRate"),
    MOMENTUM("optMomentum"),
    L2("optL2"),
    DROPOUT("optDropout"),
    PATIENCE("optPatience"),
    /** The folder the data is read from. */
    DATA("the folder given to Mnist.load"),
    /** Which data set that folder holds. */
    DATASET("the Dataset given to DataLocator.require"),
    /** The file a trained model is saved to. */
    SAVE("ModelFile.save"),
    /** The folder a run's checkpoint is kept in. */
    CHECKPOINT("CheckpointFile.save"),
    /** The most memory Java may use, which the JVM's -Xmx sets: a setting of how mlp4j is started, not of a run. */
    JAVA_HEAP("java -Xmx"),
    /** How far a verified number may be from the reference's, relatively (verify's {@code Tolerance}). */
    TOLERANCE("new Tolerance"),
    /** The backend that runs the network, by name. */
    BACKEND("Backends.select");

    private final String javaName;

    Setting(String javaName) {
        this.javaName = javaName;
    }

    /**
     * The builder method ({@code TrainingConfig.Builder}), the {@code NetworkSpec.of} argument, or the library call or
     * argument that sets it.
     */
    public String javaName() {
        return javaName;
    }

    /** This setting with a value, as a part of a {@link Fix}. */
    public Fix.Use at(String value) {
        return new Fix.Use(this, value);
    }

    /** This setting alone ("leave --dropout out"), as a part of a {@link Fix}. */
    public Fix.Use alone() {
        return new Fix.Use(this, null);
    }
}
