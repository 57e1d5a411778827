package dev.mlp4j.gpu;

import dev.mlp4j.core.testing.BackendCoverageGuard;

/** The coverage guard over the backends this module adds (opencl and aparapi), with their agreement suites on this class path. */
class BackendCoverageTest extends BackendCoverageGuard {
}
