package dev.mlp4j.core.nn;

import dev.mlp4j.core.Fix;
import dev.mlp4j.core.Problem;
import dev.mlp4j.core.Setting;
import java.util.Objects;

/**
 * What an output activation and a cost decide together, decided here and nowhere else: whether the pair may be
 * trained at all, how its cost is computed ({@link OutputCost}), how the output layer's error δ = ∂C/∂z is formed
 * ({@link OutputDelta}), and so which shortcuts, and which mistakes, a hand-written backward pass can take with it.
 *
 * <p>Three pairs have δ = a − y: sigmoid with cross-entropy and softmax with log-likelihood, because the cost's
 * derivative cancels the output's slope σ'(z) (Nielsen ch. 3), and linear with the quadratic cost, whose slope is 1.
 * Softmax with cross-entropy has a closed form of its own. The quadratic cost's ∂C/∂a is a − y, so with any other
 * output its δ is a − y times the output's slope.
 *
 * @param output the output layer's activation
 * @param cost   the cost
 */
public record OutputPairing(Activation output, Cost cost) {

    /** How δ of the output layer is computed. */
    public enum DeltaForm {
        /** δ = a − y exactly. */
        A_MINUS_Y,
        /** Softmax with cross-entropy: a closed form that stays finite where a unit saturates (see {@link OutputDelta}). */
        SOFTMAX_CROSS_ENTROPY,
        /** The chain rule without shortcuts, δ = Jσ(z)ᵀ ∂C/∂a. */
        CHAIN_RULE
    }

    /** How the cost of one output row is computed. */
    public enum CostForm {
        /** From z: softplus(z) − y z, finite where σ(z) rounds to 0 or 1. */
        SIGMOID_CROSS_ENTROPY_FROM_Z,
        /** From z through the row's log-sum-exp (log-likelihood and cross-entropy after a softmax). */
        SOFTMAX_FROM_Z,
        /** From the outputs a, by {@link Cost#value}: these outputs never saturate to where the cost overflows. */
        FROM_OUTPUTS
    }

    private static final OutputPairing[][] ALL = new OutputPairing[Activation.values().length][Cost.values().length];

    static {
        for (Activation a : Activation.values()) {
            for (Cost c : Cost.values()) {
                ALL[a.ordinal()][c.ordinal()] = new OutputPairing(a, c);
            }
        }
    }

    public OutputPairing {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(cost, "cost");
    }

    /** The pair's rules; the same instance for the same pair, so asking per example costs nothing. */
    public static OutputPairing of(Activation output, Cost cost) {
        return ALL[output.ordinal()][cost.ordinal()];
    }

    /**
     * Why the cost cannot follow this output activation, or null when the pair is valid. The pairs are refused where
     * the cost is undefined, not merely unusual: cross-entropy takes ln(a) and ln(1−a), so it needs outputs in (0, 1);
     * the log-likelihood reads the outputs as a distribution, which only softmax guarantees.
     */
    public Problem incompatibility() {
        if (cost == Cost.CROSS_ENTROPY && output != Activation.SIGMOID && output != Activation.SOFTMAX) {
            return new Problem("The cross-entropy cost needs outputs in (0,1), which a " + output + " output layer does not give",
                    null, Fix.of("use ", Setting.OUTPUT.at("sigmoid"), ", or ", Setting.COST.at("quadratic")));
        }
        if (cost == Cost.LOG_LIKELIHOOD && output != Activation.SOFTMAX) {
            return new Problem("The log-likelihood cost needs a softmax output layer", String.valueOf(output),
                    Fix.of("use ", Setting.OUTPUT.at("softmax"), ", or ", Setting.COST.at("cross-entropy"), " with ", Setting.OUTPUT.at("sigmoid")));
        }
        return null;
    }

    /** How δ of the output layer is formed for this pair. */
    public DeltaForm deltaForm() {
        if (slopeCancels() || (output == Activation.LINEAR && cost == Cost.QUADRATIC)) {
            return DeltaForm.A_MINUS_Y;
        }
        return output == Activation.SOFTMAX && cost == Cost.CROSS_ENTROPY ? DeltaForm.SOFTMAX_CROSS_ENTROPY : DeltaForm.CHAIN_RULE;
    }

    /** True when δ = a − y exactly. */
    public boolean isAMinusY() {
        return deltaForm() == DeltaForm.A_MINUS_Y;
    }

    /**
     * True when δ = a − y because the cost's derivative cancels the output's slope σ'(z): multiplying by σ'(z) again
     * is then the classic mistake of a hand-written backward pass.
     */
    public boolean slopeCancels() {
        return (output == Activation.SIGMOID && cost == Cost.CROSS_ENTROPY)
                || (output == Activation.SOFTMAX && cost == Cost.LOG_LIKELIHOOD);
    }

    /**
     * True when δ is a − y times the output's slope (the quadratic cost after an output other than linear): δ then
     * shrinks where the output saturates, and leaving the slope out is a mistake the numbers can show.
     */
    public boolean aMinusYTimesSlope() {
        return cost == Cost.QUADRATIC && output != Activation.LINEAR;
    }

    /** How the cost of one output row is computed for this pair. */
    public CostForm costForm() {
        if (output == Activation.SIGMOID && cost == Cost.CROSS_ENTROPY) {
            return CostForm.SIGMOID_CROSS_ENTROPY_FROM_Z;
        }
        return output == Activation.SOFTMAX && cost != Cost.QUADRATIC ? CostForm.SOFTMAX_FROM_Z : CostForm.FROM_OUTPUTS;
    }
}
