package dev.mlp4j.cpu;

import dev.mlp4j.core.testing.BackendCoverageGuard;

/** The coverage guard over the backends this module adds (cpu), with their agreement suites on this class path. */
class BackendCoverageTest extends BackendCoverageGuard {
}
