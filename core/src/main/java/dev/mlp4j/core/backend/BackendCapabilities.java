package dev.mlp4j.core.backend;

/**
 * What a backend does cheaply, declared by the backend itself so that the trainer asks it rather than testing which
 * class it is: a new backend states its own costs and is trained accordingly.
 *
 * @param freeCostReads whether {@link Backend#drainCostSum()} returns at once, its total held in host memory. The
 *                      trainer then reads the cost after every mini-batch, so a run that diverges stops in that batch;
 *                      a backend that queues its steps on a device would wait for the queue each time, so its cost is
 *                      read once per epoch.
 */
public record BackendCapabilities(boolean freeCostReads) {
    /** A backend that queues its work on a device: reading a result waits for the queue to empty. */
    public static final BackendCapabilities QUEUED = new BackendCapabilities(false);

    /** A backend that computes on the calling thread, its results in host memory as each call returns. */
    public static final BackendCapabilities IMMEDIATE = new BackendCapabilities(true);
}
