package dev.mlp4j.core.backend;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;

/**
 * Where a network's arithmetic happens. The trainer talks only to this; the reference implementation is
 * {@link ReferenceBackend}, and the gpu module adds OpenCL ones through {@link BackendProvider}.
 *
 * <p>A backend owns a working copy of the parameters and of the optimiser state (momentum velocities), which may
 * live on a device: {@link #setParameters} puts parameters in, {@link #parameters} takes a copy out. The training
 * set is bound once so a device backend can keep it on the device for the whole run; a step then needs only the
 * indices of its examples.
 */
public interface Backend extends AutoCloseable {

    /** @return the backend's name and the device it runs on, in words */
    BackendInfo info();

    /**
     * @return what this backend does cheaply; unless it says otherwise, a backend is taken to queue its work on a
     *         device ({@link BackendCapabilities#QUEUED}), which is never wrong, only slower to notice a divergence
     */
    default BackendCapabilities capabilities() {
        return BackendCapabilities.QUEUED;
    }

    /** @return the network this backend was opened for */
    NetworkSpec spec();

    /** Replaces the parameters and resets the momentum velocities to zero. */
    void setParameters(Parameters parameters);

    /** A copy of the current parameters. */
    Parameters parameters();

    /** Current momentum velocities in the layout of {@link Parameters} (zero when momentum is unused). */
    Parameters velocities();

    /** Replaces the momentum velocities, e.g. when resuming from a checkpoint. */
    void setVelocities(Parameters velocities);

    /** The network's outputs for the batch's inputs, row-major; no dropout. */
    double[] forward(Batch batch);

    /**
     * ∇C for the batch at the current parameters, where C is the mean of the examples' costs plus (λ/2n)Σw², with
     * the dropout mask the settings select. Learning rate and momentum are ignored.
     */
    Gradients gradients(Batch batch, StepSettings settings);

    /** Makes {@code train} the data set that {@link #trainBatch} draws its examples from. */
    void bindTrainingSet(DataSet train);

    /**
     * One SGD step on the examples {@code order[from..to)} of the bound training set. Also adds each example's cost
     * (before the step, without the L2 term) to the running total that {@link #drainCostSum} returns.
     */
    void trainBatch(int[] order, int from, int to, StepSettings settings);

    /** Σ of the per-example costs of every example trained since the last call, then resets it to zero. */
    double drainCostSum();

    @Override
    void close();

    /**
     * The check every backend makes in {@link #setParameters} and {@link #setVelocities}: refuses null and parameters
     * of another network, which would otherwise be copied in part or misread.
     *
     * @param backendSpec the network the backend was opened for
     * @param given       the parameters or velocities handed to it
     * @param what        what they are, plural: "parameters" or "velocities"
     * @throws InvalidInputException when {@code given} is null or not for {@code backendSpec}
     */
    static void requireFor(NetworkSpec backendSpec, Parameters given, String what) {
        if (given == null) {
            throw new InvalidInputException("The " + what + " are null; pass " + what + " for the backend's network " + backendSpec
                    + ", e.g. new Parameters(backend.spec()).");
        }
        backendSpec.requireSame(given.spec(), "these " + what, "the backend was opened",
                "open the backend with the " + what + "' NetworkSpec");
    }
}
