package dev.mlp4j.gpu.opencl;

/**
 * Which examples a step runs on: {@code count} rows, either the bound training set's rows named by the
 * device copy of the epoch's order from position {@code offset} on ({@code indexed}), or the rows the host just
 * wrote to the batch buffers.
 */
record StepRows(int count, boolean indexed, int offset) {
    static StepRows fromHost(int count) {
        return new StepRows(count, false, 0);
    }
}
