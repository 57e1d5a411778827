package dev.mlp4j.verify.mistake;

/** The mistakes verify can name. Ids are part of the JSON output: add kinds, never rename them. */
public enum DiagnosisKind {
    FORWARD_PASS_DIFFERS("forward-pass-differs"),
    OUTPUT_DELTA_TIMES_SIGMA_PRIME("output-delta-times-sigma-prime"),
    OUTPUT_DELTA_WITHOUT_SIGMA_PRIME("output-delta-without-sigma-prime"),
    HIDDEN_DELTA_WITHOUT_SIGMA_PRIME("hidden-delta-without-sigma-prime"),
    SIGMA_PRIME_OF_ACTIVATION("sigma-prime-of-activation"),
    SIGMA_PRIME_FORMULA_ON_Z("sigma-prime-formula-on-z"),
    SIGN_FLIPPED("sign-flipped"),
    SUMMED_NOT_AVERAGED("summed-not-averaged"),
    AVERAGED_NOT_SUMMED("averaged-not-summed"),
    COST_HALF_MISSING("cost-half-missing"),
    CONSTANT_FACTOR("constant-factor"),
    TRANSPOSED_WEIGHT_GRADIENT("transposed-weight-gradient"),
    LAYER_SKIPPED("layer-skipped"),
    ZERO_GRADIENT("zero-gradient"),
    WRONG_LAYER("wrong-layer"),
    PER_EXAMPLE_UPDATES("per-example-updates"),
    PARAMETERS_NOT_UPDATED("parameters-not-updated"),
    PARAMETERS_MOVED_UNEXPECTEDLY("parameters-moved-unexpectedly"),
    LEARNING_RATE_TWICE("learning-rate-applied-twice"),
    LEARNING_RATE_MISSING("learning-rate-missing"),
    DIVIDED_BY_BATCH_TWICE("divided-by-batch-twice"),
    L2_IGNORED("l2-ignored"),
    L2_ON_BIASES("l2-on-biases"),
    L2_NOT_DIVIDED_BY_N("l2-not-divided-by-n"),
    L2_DIVIDED_BY_BATCH("l2-divided-by-batch-size"),
    MOMENTUM_IGNORED("momentum-ignored"),
    L2_IN_GRADIENT("l2-in-gradient"),
    WEIGHTS_STORED_TO_FROM("weights-stored-to-from"),
    MEAN_OVER_OUTPUTS("mean-over-outputs"),
    VELOCITY_PER_GRADIENT("velocity-per-gradient"),
    STALE_VELOCITY("stale-velocity"),
    NEGATIVE_GRADIENT_STORED("negative-gradient-stored");

    private final String id;

    DiagnosisKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
