package dev.mlp4j.core.testing;

import dev.mlp4j.core.backend.ReferenceProvider;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coverage guard of the backends: every provider that {@link dev.mlp4j.core.backend.Backends#providers()} finds
 * has a {@link ReferenceAgreement} suite, found here on the test class path by the provider it declares, and those
 * suites check every activation, output and cost pair and cost there is. The reference itself is what the suites
 * compare with; core's own guard covers it against finite differences. A backend added without a suite fails this
 * test by name, whether or not this machine could run it.
 *
 * <p>Each module that adds backends extends this once in its tests (gpu's and cpu's {@code BackendCoverageTest}):
 * there its providers are on the class path, and so are its suites.
 */
public abstract class BackendCoverageGuard {

    /** The providers the agreement suites on the test class path declare, with the reference they compare against. */
    private static Set<String> providersWithASuite() {
        Set<String> covered = new TreeSet<>(Set.of(ReferenceProvider.NAME));
        List<Class<?>> suites = ReflectionSupport.findAllClassesInPackage("dev.mlp4j",
                c -> ReferenceAgreement.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()), name -> true);
        for (Class<?> suite : suites) {
            covered.add(((ReferenceAgreement) ReflectionSupport.newInstance(suite)).declaredProvider());
        }
        return covered;
    }

    @Test
    public void every_backend_provider_has_an_agreement_suite_covering_every_activation_and_cost() {
        Set<String> providers = providersWithASuite();
        assertTrue(providers.size() > 1, "no agreement suite was found on the test class path: " + providers);
        AgreementCoverage covered = AgreementCoverage.covered(AgreementCases.everyActivationAndPair(), providers);
        assertEquals(List.of(), AgreementCoverage.existing().missingFrom(covered));
    }

    @Test
    public void a_provider_on_the_class_path_without_a_suite_would_be_named() {
        AgreementCoverage withUnsuitedProvider = AgreementCoverage.existing().with(new AgreementCoverage(Set.of(), Set.of(), Set.of(),
                Set.of(), Set.of("fake-device")));
        AgreementCoverage covered = AgreementCoverage.covered(AgreementCases.everyActivationAndPair(), providersWithASuite());
        assertEquals(List.of("backend fake-device"), withUnsuitedProvider.missingFrom(covered));
    }
}
