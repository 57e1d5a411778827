package dev.mlp4j.core.testing;

import dev.mlp4j.core.check.RandomBatch;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * QuickTheories generators of random networks, shared with the gpu module's tests (core's test-jar). Every
 * choice is drawn from a generator QuickTheories can shrink, so a failure is reported as the smallest network and
 * batch that still fails.
 */
public final class NetworkGenerators {
    private NetworkGenerators() {
    }

    /** A valid (hidden, output, cost) triple. */
    public record Kind(Activation hidden, Activation output, Cost cost) {
        @Override
        public String toString() {
            return hidden + "/" + output + "/" + cost;
        }
    }

    /** Every valid (hidden, output, cost) combination. */
    public static List<Kind> validKinds() {
        List<Kind> kinds = new ArrayList<>();
        for (Activation h : Activation.values()) {
            if (h.isRowWise()) {
                continue;
            }
            for (Activation o : Activation.values()) {
                for (Cost c : Cost.values()) {
                    if (c.incompatibility(o) == null) {
                        kinds.add(new Kind(h, o, c));
                    }
                }
            }
        }
        return kinds;
    }

    /** Every valid (output, cost) pair, with sigmoid hidden layers. */
    public static List<Kind> validOutputCostPairs() {
        return validKinds().stream().filter(k -> k.hidden() == Activation.SIGMOID).toList();
    }

    /**
     * Networks of 1 to {@code maxHidden} hidden layers of width 1..{@code maxWidth}, kinds from {@code kinds},
     * batches of 1..{@code maxBatch}, parameters N(0,1)/√fan_in and inputs uniform in [-1, 1]. The first hidden layer
     * has the kind's hidden activation; each one above it an activation drawn from the hidden activations of
     * {@code kinds}, so most deeper networks mix them (relu under sigmoid, tanh under linear, ...).
     */
    public static Gen<NetworkCase> networks(List<Kind> kinds, int maxHidden, int maxWidth, int maxBatch) {
        Gen<List<Integer>> widths = lists().of(integers().between(1, maxWidth)).ofSizeBetween(2, maxHidden + 2);
        Gen<Kind> kind = Generate.pick(kinds);
        List<Activation> pool = kinds.stream().map(Kind::hidden).distinct().toList();
        Gen<List<Activation>> above = lists().of(Generate.pick(pool)).ofSize(Math.max(1, maxHidden - 1));
        Gen<Integer> batch = integers().between(1, maxBatch);
        Gen<Long> seed = longs().between(0, 1_000_000);
        return widths.zip(kind, above, batch, seed, NetworkGenerators::buildValid);
    }

    /** Widths are drawn before the kind, so a softmax output drawn with width 1 is widened to 2, its minimum. */
    private static NetworkCase buildValid(List<Integer> widths, Kind kind, List<Activation> above, int batchSize, long seed) {
        List<Integer> w = new ArrayList<>(widths);
        if (kind.output().isRowWise() && w.get(w.size() - 1) < 2) {
            w.set(w.size() - 1, 2);
        }
        List<Activation> hidden = new ArrayList<>(List.of(kind.hidden()));
        hidden.addAll(above.subList(0, Math.max(0, w.size() - 3)));
        return build(w, hidden, kind.output(), kind.cost(), batchSize, seed);
    }

    /** The property tests' default: 1 to 4 hidden layers, widths 1..12, batches 1..8, every valid kind. */
    public static Gen<NetworkCase> networks() {
        return networks(validKinds(), 4, 12, 8).assuming(c -> c.spec().depth() >= 2);
    }

    public static NetworkCase build(List<Integer> widths, Kind kind, int batchSize, long seed) {
        return build(widths, List.of(kind.hidden()), kind.output(), kind.cost(), batchSize, seed);
    }

    /** A network with {@code hidden}: one activation for all hidden layers, or one per hidden layer. */
    public static NetworkCase build(List<Integer> widths, List<Activation> hidden, Activation output, Cost cost, int batchSize, long seed) {
        NetworkSpec spec = new NetworkSpec(widths, hidden, output, cost);
        Random random = new Random(seed);
        Parameters p = WeightInit.NORMAL_SCALED.initialise(spec, random);
        return new NetworkCase(spec, p, randomBatch(spec, batchSize, random), seed);
    }

    /**
     * N(0,1) weights with the output layer's multiplied by {@code factor}: output z far past where float32 (about
     * 17) or float64 (about 37) rounds a sigmoid or softmax unit to exactly 1.
     */
    public static Parameters saturatingParameters(NetworkSpec spec, Random random, double factor) {
        Parameters p = WeightInit.NORMAL.initialise(spec, random);
        double[] output = p.weights(spec.depth() - 1);
        for (int i = 0; i < output.length; i++) {
            output[i] *= factor;
        }
        return p;
    }

    /** See {@link RandomBatch}: the generators and the CLI's gradcheck draw batches the same way. */
    public static Batch randomBatch(NetworkSpec spec, int m, Random random) {
        return RandomBatch.of(spec, m, random);
    }
}
