package dev.mlp4j.core.nn;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.MessageText;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shape of a network: layer sizes from input to output, the activation of every hidden layer, that of the
 * output layer, and the cost it is trained on. Immutable, and valid by construction: a spec that cannot be
 * trained is refused here with a sentence saying what to change.
 */
public record NetworkSpec(List<Integer> layers, Activation hidden, Activation output, Cost cost) {

    /** Layers wider than this are refused: beyond it a weight matrix would not fit a Java array. */
    public static final int MAX_LAYER_SIZE = 1 << 20;
    /** The most layer sizes a message or line lists; the rest is counted. */
    private static final int LAYERS_SHOWN = 50;

    public NetworkSpec {
        if (layers == null || layers.size() < 2) {
            throw new InvalidInputException("A network needs at least an input and an output layer, e.g. --layers 784,30,10.");
        }
        for (int i = 0; i < layers.size(); i++) {
            // Checked here, not left to List.copyOf's bare NullPointerException.
            if (layers.get(i) == null) {
                throw new InvalidInputException("Layer " + i + " of the layer sizes " + MessageText.value(layers.toString()) + " is null; give every layer a number of neurons.");
            }
        }
        layers = List.copyOf(layers);
        for (int i = 0; i < layers.size(); i++) {
            int n = layers.get(i);
            if (n < 1 || n > MAX_LAYER_SIZE) {
                throw new InvalidInputException("Layer " + i + " has " + n + " neurons in " + describe(layers)
                        + "; every layer needs between 1 and " + MAX_LAYER_SIZE + " neurons.");
            }
        }
        for (int i = 1; i < layers.size(); i++) {
            if ((long) layers.get(i) * layers.get(i - 1) > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException("Layers " + (i - 1) + " and " + i + " of " + describe(layers)
                        + " need more weights than one array holds; use narrower layers.");
            }
        }
        if (hidden == null || output == null || cost == null) {
            throw new InvalidInputException("The " + (hidden == null ? "hidden activation" : output == null ? "output activation" : "cost")
                    + " of " + describe(layers) + " is null; a network needs a hidden activation, an output activation and a cost.");
        }
        if (hidden.isRowWise() && layers.size() > 2) {
            throw new InvalidInputException("softmax can only be the output activation; use --hidden sigmoid, tanh, relu or linear.");
        }
        if (output.isRowWise() && layers.get(layers.size() - 1) < 2) {
            throw new InvalidInputException("A softmax output layer needs at least 2 units (with one, its output is always 1); "
                    + "use --output sigmoid for a single output.");
        }
        String why = cost.incompatibility(output);
        if (why != null) {
            throw new InvalidInputException(Character.toUpperCase(why.charAt(0)) + why.substring(1) + ".");
        }
    }

    public static NetworkSpec of(Activation hidden, Activation output, Cost cost, int... layers) {
        return new NetworkSpec(Arrays.stream(layers).boxed().collect(Collectors.toList()), hidden, output, cost);
    }

    /** Parses "784,30,10". */
    public static List<Integer> parseLayers(String text) {
        try {
            // The limit -1 keeps a trailing empty field, so "2,5,1," is refused like "2,,1" rather than read as 2,5,1.
            return Arrays.stream(text.split(",", -1)).map(String::trim).map(Integer::valueOf).collect(Collectors.toList());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Cannot read layer sizes '" + MessageText.value(text) + "'; give them as comma-separated integers, e.g. 784,30,10.");
        }
    }

    public int layerCount() {
        return layers.size();
    }

    /** Number of weight matrices (layers minus one). */
    public int depth() {
        return layers.size() - 1;
    }

    public int size(int layer) {
        return layers.get(layer);
    }

    public int inputSize() {
        return layers.get(0);
    }

    public int outputSize() {
        return layers.get(layers.size() - 1);
    }

    /** The activation of weight layer l (0-based: l = depth()-1 is the output layer). */
    public Activation activation(int l) {
        return l == depth() - 1 ? output : hidden;
    }

    public long parameterCount() {
        long n = 0;
        for (int l = 0; l < depth(); l++) {
            n += (long) size(l + 1) * size(l) + size(l + 1);
        }
        return n;
    }

    public String layersText() {
        return describe(layers);
    }

    /** The layer sizes, the first {@link #LAYERS_SHOWN} of them when there are more (a file may list a million). */
    private static String describe(List<Integer> layers) {
        String shown = layers.stream().limit(LAYERS_SHOWN).map(String::valueOf).collect(Collectors.joining(","));
        return layers.size() <= LAYERS_SHOWN ? shown : shown + ",… (" + layers.size() + " layers)";
    }

    /**
     * Refuses something made for another network than this one: parameters handed to a backend opened for this
     * spec, say. A spec that differs only in an activation or the cost is another network too.
     *
     * @param given    the network of what was given
     * @param what     what was given, plural, e.g. "these parameters"
     * @param holder   what this spec belongs to, followed by "for this spec", e.g. "the backend was opened"
     * @param fix      what to do instead, e.g. "open the backend with the parameters' NetworkSpec"
     * @throws InvalidInputException when {@code given} is not this spec
     */
    public void requireSame(NetworkSpec given, String what, String holder, String fix) {
        if (!equals(given)) {
            throw new InvalidInputException(Character.toUpperCase(what.charAt(0)) + what.substring(1) + " are for the network "
                    + given + " but " + holder + " for " + this + "; " + fix + ".");
        }
    }

    /**
     * Refuses examples whose widths are not this network's input and output sizes, before they are misread as
     * rows of another width.
     *
     * @param inputs  input values per example of what was given
     * @param targets target values per example
     * @param what    what was given, e.g. "the batch"
     * @throws InvalidInputException when the widths differ from {@link #inputSize()} and {@link #outputSize()}
     */
    public void requireExampleWidths(int inputs, int targets, String what) {
        if (inputs != inputSize() || targets != outputSize()) {
            throw new InvalidInputException(Character.toUpperCase(what.charAt(0)) + what.substring(1) + " has " + inputs
                    + " inputs and " + targets + " targets per example but the network " + this + " takes " + inputSize()
                    + " inputs and gives " + outputSize() + " outputs; give it examples of " + inputSize() + " inputs and "
                    + outputSize() + " targets, or a network of that shape.");
        }
    }

    @Override
    public String toString() {
        return layersText() + " " + hidden + "/" + output + " " + cost;
    }
}
