package dev.mlp4j.verify.diagnose;

import dev.mlp4j.core.nn.WeightInit;

/**
 * Where the diagnosed weights came from, which decides what the advice can tell the user to change: a new
 * network's initialisation is an mlp4j option ({@code --init}), a trained model's weights change only by training it
 * differently, and a hand-written network's (a verify file's) are drawn by the user's own code, so its advice says
 * in words how to draw them, naming mlp4j's scheme only as the equivalent.
 *
 * @param kind which of the three
 * @param init for {@link Kind#INITIALISED}, the scheme in use, so that the advice never recommends it back; null
 *             when unknown (and always for the other kinds)
 */
public record WeightsOrigin(Kind kind, WeightInit init) {

    public enum Kind {
        /** Drawn by an mlp4j initialisation: the advice may name another {@code --init}. */
        INITIALISED,
        /** A trained model: the advice is about training, not initialisation. */
        TRAINED,
        /** The user's own network (a verify file): the advice says how to draw the weights, in words. */
        HAND_WRITTEN
    }

    /** A trained model's weights. */
    public static final WeightsOrigin TRAINED = new WeightsOrigin(Kind.TRAINED, null);
    /** A hand-written network's weights, as a verify file holds them. */
    public static final WeightsOrigin HAND_WRITTEN = new WeightsOrigin(Kind.HAND_WRITTEN, null);

    public WeightsOrigin {
        if (kind == null) {
            throw new IllegalArgumentException("kind is null");
        }
        if (kind != Kind.INITIALISED && init != null) {
            throw new IllegalArgumentException("only an initialised network has an initialisation, not a " + kind + " one");
        }
    }

    /** A new network drawn by {@code init} (null when the scheme is not known). */
    public static WeightsOrigin initialised(WeightInit init) {
        return new WeightsOrigin(Kind.INITIALISED, init);
    }

    boolean initialised() {
        return kind == Kind.INITIALISED;
    }

    boolean trained() {
        return kind == Kind.TRAINED;
    }

    boolean handWritten() {
        return kind == Kind.HAND_WRITTEN;
    }

    /** True when the network was drawn by {@code scheme}, so that advising it would be advising what is in use. */
    boolean uses(WeightInit scheme) {
        return initialised() && init == scheme;
    }
}
