package dev.mlp4j.core.testing;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.backend.BackendProvider;
import dev.mlp4j.core.backend.Backends;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What agreement tests cover, counted against what exists, after EJML's CheckMultiThreadAgainstSingleThread: every
 * activation as a hidden layer where a network may have it there, every (output activation, cost) pair a network may
 * have, every cost, every backend provider. A suite lists what it checks; the guard tests compare that with
 * {@link #existing()} and fail naming what nothing checks, so a new constant or backend cannot arrive untested.
 *
 * <p>Everything is kept as names, so that a test of the guard itself can add a constant or a provider that does not
 * exist and see it named.
 *
 * @param activations every activation, by name
 * @param costs       every cost, by name
 * @param hidden      the activations a hidden layer may have (covered: that one has)
 * @param pairs       the (output, cost) pairs as "output with cost", that a network may have (covered: that one has)
 * @param backends    the backend providers' names
 */
public record AgreementCoverage(Set<String> activations, Set<String> costs, Set<String> hidden, Set<String> pairs,
                                Set<String> backends) {

    public AgreementCoverage {
        activations = Set.copyOf(activations);
        costs = Set.copyOf(costs);
        hidden = Set.copyOf(hidden);
        pairs = Set.copyOf(pairs);
        backends = Set.copyOf(backends);
    }

    /**
     * What exists: the enums' constants, and what {@link NetworkSpec} itself accepts of them (not the test
     * generators' idea of it), and every provider {@link Backends#providers()} finds on the class path.
     */
    public static AgreementCoverage existing() {
        Set<String> hidden = new TreeSet<>();
        Set<String> pairs = new TreeSet<>();
        for (Activation a : Activation.values()) {
            if (accepted(a, Activation.SIGMOID, Cost.QUADRATIC)) {
                hidden.add(a.id());
            }
            for (Cost c : Cost.values()) {
                if (accepted(Activation.SIGMOID, a, c)) {
                    pairs.add(pair(a, c));
                }
            }
        }
        return new AgreementCoverage(names(Activation.values()), costNames(Cost.values()), hidden, pairs,
                Backends.providers().stream().map(BackendProvider::name).collect(Collectors.toSet()));
    }

    /** What a suite covers that checks {@code networks} on each of {@code backends}. */
    public static AgreementCoverage covered(Collection<NetworkSpec> networks, Collection<String> backends) {
        Set<String> activations = new TreeSet<>();
        Set<String> costs = new TreeSet<>();
        Set<String> hidden = new TreeSet<>();
        Set<String> pairs = new TreeSet<>();
        for (NetworkSpec spec : networks) {
            for (int l = 0; l < spec.depth() - 1; l++) {
                hidden.add(spec.activation(l).id());
                activations.add(spec.activation(l).id());
            }
            activations.add(spec.output().id());
            costs.add(spec.cost().id());
            pairs.add(pair(spec.output(), spec.cost()));
        }
        return new AgreementCoverage(activations, costs, hidden, pairs, Set.copyOf(backends));
    }

    /**
     * What exists here but {@code covered} does not check, one phrase each ("activation gelu as a hidden layer",
     * "output relu with cost quadratic", "backend opencl"); empty when everything is covered.
     */
    public List<String> missingFrom(AgreementCoverage covered) {
        List<String> missing = new ArrayList<>();
        absent(activations, covered.activations).forEach(a -> missing.add("activation " + a + " (in no layer)"));
        absent(hidden, covered.hidden).forEach(a -> missing.add("activation " + a + " as a hidden layer"));
        absent(pairs, covered.pairs).forEach(p -> missing.add("output " + p));
        absent(costs, covered.costs).forEach(c -> missing.add("cost " + c));
        absent(backends, covered.backends).forEach(b -> missing.add("backend " + b));
        return missing;
    }

    /** This coverage with {@code more} names added to each part; for tests of the guard. */
    public AgreementCoverage with(AgreementCoverage more) {
        return new AgreementCoverage(union(activations, more.activations), union(costs, more.costs), union(hidden, more.hidden),
                union(pairs, more.pairs), union(backends, more.backends));
    }

    /** The name of an (output, cost) pair. */
    public static String pair(String output, String cost) {
        return output + " with cost " + cost;
    }

    private static String pair(Activation output, Cost cost) {
        return pair(output.id(), cost.id());
    }

    private static boolean accepted(Activation hidden, Activation output, Cost cost) {
        try {
            NetworkSpec.of(hidden, output, cost, 3, 3, 3);
            return true;
        } catch (InvalidInputException refused) {
            return false;
        }
    }

    private static Set<String> names(Activation[] values) {
        return Arrays.stream(values).map(Activation::id).collect(Collectors.toSet());
    }

    private static Set<String> costNames(Cost[] values) {
        return Arrays.stream(values).map(Cost::id).collect(Collectors.toSet());
    }

    private static List<String> absent(Set<String> all, Set<String> covered) {
        return all.stream().filter(name -> !covered.contains(name)).sorted().toList();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }
}
