package dev.mlp4j.core.check;

import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.testing.AgreementCases;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.testing.NetworkCase;
import dev.mlp4j.core.testing.NetworkGenerators;
import dev.mlp4j.core.testing.NetworkGenerators.Kind;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Over random networks, backprop's gradient equals central finite differences. QuickTheories shrinks a failure
 * to the smallest network, batch and seed that still fail, which is the first thing to look at.
 */
class GradientPropertyTest {
    /**
     * Smooth activations are checked with the seven-point stencil at h = 1e-3: its truncation error (h^6 times the
     * seventh derivative) and its rounding error (ulps of C over h) both stay near 1e-11 for these networks even
     * where C is in the thousands (the five-point stencil at this h reaches 1e-7 on chains through width-1 layers): an entry is wrong
     * when analytic and numeric differ by more than 1e-7 relative and 1e-9 absolute, which a correct backprop never
     * does and a wrong one misses by orders of magnitude. (With the plain central difference at eps = 1e-6 the
     * rounding error alone reaches ~1e-8, too coarse to show 1e-7.)
     */
    private static final double SMOOTH_BOUND = 1e-7;
    private static final double SMOOTH_FLOOR = 1e-9;
    private static final GradientCheck SMOOTH_CHECK =
            new GradientCheck(GradientCheck.Stencil.SEVEN_POINT, 1e-3, SMOOTH_BOUND, SMOOTH_FLOOR);
    /**
     * relu: the five-point stencil at h = 1e-4, so the farthest probe (2h) moves a pre-activation by at most
     * 2e-4 times an input below 50 and never straddles a kink kept 1e-2 away; its rounding error (ulps of C over h)
     * is then ~1e-10 for costs up to ~10, under DL4J's 1e-8 floor. (The central difference at 1e-6 has ~3e-8 of
     * rounding noise on such costs, which a 1e-7 bound on small derivatives would report.)
     */
    private static final GradientCheck RELU_CHECK =
            new GradientCheck(GradientCheck.Stencil.FIVE_POINT, 1e-4, SMOOTH_BOUND, 1e-8);

    private static final List<Kind> SMOOTH = NetworkGenerators.validKinds().stream()
            .filter(k -> k.hidden() != Activation.RELU && k.output() != Activation.RELU).toList();
    private static final List<Kind> WITH_RELU = NetworkGenerators.validKinds().stream()
            .filter(k -> k.hidden() == Activation.RELU || k.output() == Activation.RELU).toList();

    @Test
    void analytic_gradients_match_finite_differences_for_smooth_activations() {
        qt().withExamples(300).forAll(NetworkGenerators.networks(SMOOTH, 4, 12, 8))
                .assuming(c -> finiteDifferencesAreAccurate(c, 0))
                .checkAssert(c -> assertGradientsMatch(c, StepSettings.NONE, SMOOTH_CHECK));
    }

    @Test
    void analytic_gradients_match_finite_differences_with_l2_and_dropout() {
        qt().withExamples(300).forAll(NetworkGenerators.networks(SMOOTH, 3, 8, 6), integers().between(0, 1000))
                .assuming((c, key) -> finiteDifferencesAreAccurate(c, 0.3))
                .checkAssert((c, key) -> assertGradientsMatch(c, new StepSettings(0, 0, 0.01 + key / 1e4, 0.3, key), SMOOTH_CHECK));
    }

    /**
     * relu has a kink at 0 where the one-sided slopes differ by 1. A central difference that straddles it is off by
     * up to ½ in that unit, so such cases are excluded rather than tolerated: we keep only networks whose every
     * pre-activation is further than 1e-2 from 0, which the finite difference then never crosses (a parameter
     * moves a pre-activation by at most ε·|input| ≤ ε·max(1, |a|)). On those, relu is locally linear and the bound
     * is as tight as for smooth functions.
     */
    @Test
    void analytic_gradients_match_finite_differences_for_relu_away_from_the_kink() {
        qt().withExamples(300).forAll(NetworkGenerators.networks(WITH_RELU, 4, 12, 8))
                .assuming(c -> PreActivations.minAbs(c.spec(), c.parameters(), c.batch()) > 1e-2)
                .checkAssert(c -> assertGradientsMatch(c, StepSettings.NONE, RELU_CHECK));
    }

    @Test
    void every_valid_output_and_cost_pair_passes_with_dl4j_default_bounds() {
        for (Kind kind : NetworkGenerators.validKinds()) {
            NetworkCase c = NetworkGenerators.build(List.of(5, 4, 3), kind, 4, 7);
            if (kind.hidden() == Activation.RELU || kind.output() == Activation.RELU) {
                continue; // covered, away from the kink, above
            }
            GradientCheckReport r = new GradientCheck().check(c.parameters(), c.batch(), StepSettings.NONE);
            Assertions.assertTrue(r.passed(), () -> kind + ": " + r);
        }
    }

    /**
     * The cases {@link dev.mlp4j.core.testing.AgreementCoverage} counts: each valid (output, cost) pair with every
     * hidden activation under it, relu's included, so kept away from its kink as above.
     */
    @Test
    void every_activation_and_output_cost_pair_passes_one_by_one() {
        for (NetworkSpec spec : AgreementCases.everyActivationAndPair()) {
            assertGradientsMatch(awayFromTheKink(spec), StepSettings.NONE, RELU_CHECK);
        }
    }

    /** The first seed whose case keeps every pre-activation off relu's kink and within the stencil's accurate range. */
    private static NetworkCase awayFromTheKink(NetworkSpec spec) {
        for (long seed = 0; seed < 10_000; seed++) {
            NetworkCase c = NetworkGenerators.build(spec.layers(), spec.hiddenActivations(), spec.output(), spec.cost(), 3, seed);
            if (PreActivations.minAbs(c.spec(), c.parameters(), c.batch()) > 1e-2 && finiteDifferencesAreAccurate(c, 0)) {
                return c;
            }
        }
        throw new AssertionError("no seed below 10,000 keeps " + spec + " off relu's kink");
    }

    /**
     * Cases whose pre-activations stay within |z| &lt;= 6. Beyond that a sigmoid output is within 0.25 % of 0 or 1
     * and the cross-entropy's higher derivatives grow like 1/(a(1-a))^k, so the stencil's truncation error, not
     * backprop, sets the disagreement; such a case can only measure the finite difference. Shrinking still
     * reports the smallest network that fails among the rest.
     */
    private static boolean finiteDifferencesAreAccurate(NetworkCase c, double dropout) {
        // Dropout scales kept units by 1/(1-p) per hidden layer, which can only enlarge |z| by that factor per layer.
        double growth = Math.pow(1 / (1 - dropout), c.spec().depth() - 1);
        return PreActivations.maxAbs(c.spec(), c.parameters(), c.batch()) * growth <= 6;
    }

    private static void assertGradientsMatch(NetworkCase c, StepSettings settings, GradientCheck check) {
        GradientCheckReport report = check.check(c.parameters(), c.batch(), settings);
        if (!report.passed()) {
            throw new AssertionError(c + " with " + settings + ": " + report);
        }
    }
}
