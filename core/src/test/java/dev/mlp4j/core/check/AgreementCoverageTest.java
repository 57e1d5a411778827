package dev.mlp4j.core.check;

import dev.mlp4j.core.backend.ReferenceProvider;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.testing.AgreementCases;
import dev.mlp4j.core.testing.AgreementCoverage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.mlp4j.core.testing.AgreementCoverage.pair;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The coverage guard: the reference's gradient is checked against finite differences on every activation, output
 * and cost pair and cost there is ({@link GradientPropertyTest#every_activation_and_output_cost_pair_passes_one_by_one}),
 * and the guard names what a suite leaves out. The gpu module's guard does the same for each device backend.
 */
class AgreementCoverageTest {
    private static final Set<String> REFERENCE = Set.of(ReferenceProvider.NAME);

    @Test
    void the_gradient_checks_cover_every_activation_pair_cost_and_backend_here() {
        AgreementCoverage covered = AgreementCoverage.covered(AgreementCases.everyActivationAndPair(), REFERENCE);
        assertEquals(List.of(), AgreementCoverage.existing().missingFrom(covered));
    }

    @Test
    void an_activation_and_a_cost_that_no_suite_checks_are_named() {
        AgreementCoverage withNewConstants = AgreementCoverage.existing().with(new AgreementCoverage(Set.of("gelu"), Set.of("hinge"),
                Set.of("gelu"), Set.of(pair("gelu", "quadratic"), pair("sigmoid", "hinge")), Set.of()));
        AgreementCoverage covered = AgreementCoverage.covered(AgreementCases.everyActivationAndPair(), REFERENCE);
        assertEquals(List.of("activation gelu (in no layer)", "activation gelu as a hidden layer", "output gelu with cost quadratic",
                "output sigmoid with cost hinge", "cost hinge"), withNewConstants.missingFrom(covered));
    }

    @Test
    void a_backend_provider_without_an_agreement_suite_is_named() {
        AgreementCoverage withNewBackend = AgreementCoverage.existing().with(new AgreementCoverage(Set.of(), Set.of(), Set.of(),
                Set.of(), Set.of("fake-device")));
        AgreementCoverage covered = AgreementCoverage.covered(AgreementCases.everyActivationAndPair(), REFERENCE);
        assertEquals(List.of("backend fake-device"), withNewBackend.missingFrom(covered));
    }

    @Test
    void a_suite_that_leaves_out_an_output_or_a_hidden_activation_is_caught() {
        List<NetworkSpec> withoutReluOutput = AgreementCases.everyActivationAndPair().stream()
                .filter(s -> s.output() != Activation.RELU).toList();
        assertEquals(List.of("output relu with cost quadratic"), AgreementCoverage.existing()
                .missingFrom(AgreementCoverage.covered(withoutReluOutput, REFERENCE)));
        List<NetworkSpec> sigmoidHiddenOnly = AgreementCases.everyActivationAndPair().stream()
                .map(s -> NetworkSpec.of(Activation.SIGMOID, s.output(), s.cost(), 5, 6, 3)).toList();
        assertEquals(List.of("activation linear as a hidden layer", "activation relu as a hidden layer", "activation tanh as a hidden layer"),
                AgreementCoverage.existing().missingFrom(AgreementCoverage.covered(sigmoidHiddenOnly, REFERENCE)));
    }
}
