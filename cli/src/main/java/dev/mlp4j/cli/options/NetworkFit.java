package dev.mlp4j.cli.options;

import dev.mlp4j.cli.UsageException;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.train.TrainingData;

/**
 * Whether a network takes the data's examples as they are: as many inputs as each example has values, as many outputs
 * as it has targets. The comparison is core's ({@link NetworkSpec#takesExamplesOf}), the one the trainer and every
 * backend make; the command line says it before the data is trained on, and where the network came from decides the
 * way out the usage error names (--layers for a network described on the command line, other data or another model for a saved one,
 * the file's own examples for a verify file's).
 */
public final class NetworkFit {
    private NetworkFit() {
    }

    /** A network given by --layers (train, diagnose --layers): the fix is the first or last size. */
    public static void checkLayers(NetworkSpec net, TrainingData td) {
        if (fits(net, td)) {
            return;
        }
        int in = td.train().inputSize();
        int outs = td.train().outputSize();
        if (net.inputSize() != in) {
            throw new UsageException("The network's input layer has " + net.inputSize() + " neurons but each example of "
                    + td.train().name() + " has " + in + " values; start --layers with " + in + ".");
        }
        throw new UsageException("The network's output layer has " + net.outputSize() + " neurons but the data has "
                + outs + " target values per example; end --layers with " + outs + ".");
    }

    /** A saved model (eval, diagnose --model): its layers cannot change, so the fix is other data or another model. */
    public static void checkModel(NetworkSpec net, TrainingData td) {
        if (fits(net, td)) {
            return;
        }
        int in = td.train().inputSize();
        int outs = td.train().outputSize();
        throw new UsageException("The model " + net.layersText() + " expects " + net.inputSize() + " inputs and gives "
                + net.outputSize() + " outputs but each example of " + td.train().name() + " has " + in + " values and "
                + outs + " targets; use data with " + net.inputSize() + " values and " + net.outputSize()
                + " targets per example, or a model trained on this data.");
    }

    /**
     * A verify file's network, in the file's words: the way out is its own examples, so the error names the data
     * option that replaced them. A usage error, as for a model or --layers: the options do not go together.
     */
    public static void checkVerifyFile(NetworkSpec net, TrainingData td, DataChoice data) {
        if (fits(net, td)) {
            return;
        }
        int in = td.train().inputSize();
        int outs = td.train().outputSize();
        String option = data.isExample() ? "--example" : data.data != null ? "--data" : "--dataset";
        String value = data.isExample() ? data.example : data.data != null ? data.data : data.dataset;
        throw new UsageException("The verify file's network " + net.layersText() + " takes " + net.inputSize() + " input"
                + plural(net.inputSize()) + " and gives " + net.outputSize() + " output" + plural(net.outputSize())
                + ", but each example of " + option + " " + value + " has " + in + " value" + plural(in) + " and " + outs
                + " target" + plural(outs) + "; leave out " + option + " to run the network on the file's own examples, or give "
                + "data with " + net.inputSize() + " value" + plural(net.inputSize()) + " and " + net.outputSize() + " target"
                + plural(net.outputSize()) + " per example.");
    }

    private static boolean fits(NetworkSpec net, TrainingData td) {
        return net.takesExamplesOf(td.train().inputSize(), td.train().outputSize());
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }
}
