package dev.mlp4j.gpu.opencl;

import dev.mlp4j.gpu.opencl.context.ClBuffer;

/**
 * What the output layer does in a step besides its activation: read targets (from the bound training set
 * through the order when the rows are indexed, from the host batch otherwise), compute BP1's delta, add each
 * example's cost to its slot.
 */
record OutputWork(ClBuffer targets, boolean computeDelta, boolean keepCost) {
}
