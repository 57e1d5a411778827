package dev.mlp4j.core.nn;

import dev.mlp4j.core.InvalidInputException;

import java.util.Locale;
import java.util.Random;

/**
 * How the weights of a new network are drawn. Biases are drawn N(0,1) as in network2.py for every scheme but
 * {@link #UNIFORM}, which draws them like its weights, as hand-written nets do.
 */
public enum WeightInit {
    /** uniform[-1, 1]: what many hand-written nets use; saturates sigmoid units on wide inputs. */
    UNIFORM("uniform"),
    /** N(0, 1): Nielsen's "large weight initializer". */
    NORMAL("normal"),
    /** N(0, 1)/√fan_in: Nielsen's default_weight_initializer. */
    NORMAL_SCALED("normal-scaled"),
    /** Glorot/Xavier uniform: U[-√(6/(fan_in+fan_out)), +√(6/(fan_in+fan_out))], biases zero. */
    XAVIER("xavier"),
    /** He: N(0, 2/fan_in), suited to relu; biases zero. */
    HE("he");

    private final String id;

    WeightInit(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** A new network's parameters drawn from {@code random}; the order of draws is fixed so a seed repeats exactly. */
    public Parameters initialise(NetworkSpec spec, Random random) {
        Parameters p = new Parameters(spec);
        for (int l = 0; l < spec.depth(); l++) {
            int fanIn = spec.size(l);
            int fanOut = spec.size(l + 1);
            double[] b = p.biases(l);
            for (int j = 0; j < b.length; j++) {
                b[j] = switch (this) {
                    case UNIFORM -> 2 * random.nextDouble() - 1;
                    case NORMAL, NORMAL_SCALED -> random.nextGaussian();
                    case XAVIER, HE -> 0.0;
                };
            }
            double[] w = p.weights(l);
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < w.length; i++) {
                w[i] = switch (this) {
                    case UNIFORM -> 2 * random.nextDouble() - 1;
                    case NORMAL -> random.nextGaussian();
                    case NORMAL_SCALED -> random.nextGaussian() / Math.sqrt(fanIn);
                    case XAVIER -> (2 * random.nextDouble() - 1) * limit;
                    case HE -> random.nextGaussian() * Math.sqrt(2.0 / fanIn);
                };
            }
        }
        return p;
    }

    public static WeightInit fromId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (WeightInit w : values()) {
            if (w.id.equals(wanted)) {
                return w;
            }
        }
        throw new InvalidInputException("Unknown weight initialisation '" + id + "'; use one of uniform, normal, normal-scaled, xavier, he.");
    }

    @Override
    public String toString() {
        return id;
    }
}
