package dev.mlp4j.verify.reference;

/**
 * A mistake a hand-written backward pass commonly makes, for {@link BackpropTracer} to make on purpose: if the
 * user's gradient equals the reference's computed with this mistake, the mistake is named.
 *
 * @param output     how the output layer's δ is formed
 * @param derivative how σ'(z) is formed in the hidden layers (and, for the quadratic cost with an element-wise
 *                   output activation, in the output layer's chain rule)
 * @param layer      the weight layer whose hidden δ takes the derivative mistake, {@link #EVERY_LAYER}, or
 *                   {@link #HIDDEN_LAYERS}
 */
public record BackpropMistake(OutputForm output, DerivativeForm derivative, int layer) {
    public static final int EVERY_LAYER = -1;
    /** Every hidden layer's δ, but not the output layer's chain rule: a mistake in the backward loop alone. */
    public static final int HIDDEN_LAYERS = -2;
    public static final BackpropMistake NONE = new BackpropMistake(OutputForm.CORRECT, DerivativeForm.CORRECT, EVERY_LAYER);

    public enum OutputForm {
        CORRECT,
        /** (a − y) ⊙ σ'(z) although the cost's δ is a − y (sigmoid with cross-entropy, softmax with log-likelihood). */
        TIMES_SIGMA_PRIME,
        /** ∂C/∂a alone, the σ'(z) factor of the chain rule left out. */
        WITHOUT_SIGMA_PRIME
    }

    public enum DerivativeForm {
        CORRECT,
        /** δˡ = (wˡ⁺¹)ᵀ δˡ⁺¹ with no ⊙ σ'(zˡ). */
        MISSING,
        /** σ'(a) in place of σ'(z): σ applied twice, e.g. sigmoidPrime(activation). */
        OF_ACTIVATION,
        /** The derivative's formula in terms of a fed z instead: z(1 − z) for the sigmoid, 1 − z² for tanh. */
        A_FORM_OF_Z
    }

    public static BackpropMistake output(OutputForm form) {
        return new BackpropMistake(form, DerivativeForm.CORRECT, EVERY_LAYER);
    }

    public static BackpropMistake derivative(DerivativeForm form, int layer) {
        return new BackpropMistake(OutputForm.CORRECT, form, layer);
    }

    /** The derivative form weight layer {@code l}'s hidden δ takes. */
    public DerivativeForm derivativeAt(int l) {
        return layer == EVERY_LAYER || layer == HIDDEN_LAYERS || layer == l ? derivative : DerivativeForm.CORRECT;
    }
}
