package dev.mlp4j.core.nn;

import dev.mlp4j.core.Fix;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.MessageText;
import dev.mlp4j.core.Problem;
import dev.mlp4j.core.Setting;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The shape of a network: layer sizes from input to output, the activations of the hidden layers, that of the
 * output layer, and the cost it is trained on. Immutable, and valid by construction: a spec that cannot be
 * trained is refused here with a sentence saying what to change.
 *
 * <p>{@code hiddenActivations} holds one activation that every hidden layer shares, or one per hidden layer, first
 * hidden layer first. It is kept in the shortest of those forms: a list whose entries are all the same becomes that
 * one activation, so the two ways of writing one network give equal specs. A network without hidden layers keeps
 * the one activation it was given, unused.
 */
public record NetworkSpec(List<Integer> layers, List<Activation> hiddenActivations, Activation output, Cost cost) {

    /** Layers wider than this are refused: beyond it a weight matrix would not fit a Java array. */
    public static final int MAX_LAYER_SIZE = 1 << 20;
    /** The most layer sizes a message or line lists; the rest is counted. */
    private static final int LAYERS_SHOWN = 50;

    public NetworkSpec {
        if (layers == null || layers.size() < 2) {
            throw new InvalidInputException(new Problem("A network needs at least an input and an output layer", null,
                    Fix.of("try ", Setting.LAYERS.at("784,30,10"))));
        }
        for (int i = 0; i < layers.size(); i++) {
            // Checked here, not left to List.copyOf's bare NullPointerException.
            if (layers.get(i) == null) {
                throw new InvalidInputException(new Problem("Layer " + i + " of the layer sizes " + MessageText.value(layers.toString()) + " is null; give every layer a number of neurons", null, null));
            }
        }
        layers = List.copyOf(layers);
        for (int i = 0; i < layers.size(); i++) {
            int n = layers.get(i);
            if (n < 1 || n > MAX_LAYER_SIZE) {
                throw new InvalidInputException(new Problem("Layer " + i + " has " + n + " neurons in " + describe(layers)
                        + "; every layer needs between 1 and " + MAX_LAYER_SIZE + " neurons", null, null));
            }
        }
        for (int i = 1; i < layers.size(); i++) {
            if ((long) layers.get(i) * layers.get(i - 1) > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException(new Problem("Layers " + (i - 1) + " and " + i + " of " + describe(layers)
                        + " need more weights than one array holds; use narrower layers", null, null));
            }
        }
        boolean hiddenNull = hiddenActivations == null || hiddenActivations.isEmpty()
                || hiddenActivations.stream().anyMatch(Objects::isNull);
        if (hiddenNull || output == null || cost == null) {
            throw new InvalidInputException(new Problem("The " + (hiddenNull ? "hidden activation" : output == null ? "output activation" : "cost")
                    + " of " + describe(layers) + " is " + (hiddenActivations != null && hiddenActivations.isEmpty() ? "missing" : "null")
                    + "; a network needs a hidden activation, an output activation and a cost", null, null));
        }
        int hiddenLayers = layers.size() - 2;
        // The count is checked before a list of equal entries is shortened: three for two layers is a mistake.
        if (hiddenActivations.size() > 1 && hiddenActivations.size() != hiddenLayers) {
            throw new InvalidInputException(new Problem(hiddenActivations.size() + " hidden activations (" + describe(hiddenActivations) + ") are given for the "
                    + hiddenLayers + " hidden layer" + (hiddenLayers == 1 ? "" : "s") + " of " + describe(layers)
                    + "; give one activation for all hidden layers" + (hiddenLayers > 1 ? ", or one for each of the " + hiddenLayers
                    + " (e.g. " + describe(fitted(hiddenActivations, hiddenLayers)) + ")" : ""), null, null));
        }
        hiddenActivations = shortest(hiddenActivations);
        if (hiddenActivations.stream().anyMatch(Activation::isRowWise) && hiddenLayers > 0) {
            throw new InvalidInputException(new Problem("softmax can only be the output activation", null,
                    Fix.of("use ", Setting.HIDDEN.at("sigmoid"), ", tanh, relu or linear")));
        }
        if (output.isRowWise() && layers.get(layers.size() - 1) < 2) {
            throw new InvalidInputException(new Problem("A softmax output layer needs at least 2 units (with one, its output is always 1)",
                    null, Fix.of("use ", Setting.OUTPUT.at("sigmoid"), " for a single output")));
        }
        Problem why = OutputPairing.of(output, cost).incompatibility();
        if (why != null) {
            throw new InvalidInputException(why);
        }
    }

    /** A network whose hidden layers all have the activation {@code hidden}. */
    public NetworkSpec(List<Integer> layers, Activation hidden, Activation output, Cost cost) {
        this(layers, Collections.singletonList(hidden), output, cost);
    }

    public static NetworkSpec of(Activation hidden, Activation output, Cost cost, int... layers) {
        return new NetworkSpec(Arrays.stream(layers).boxed().collect(Collectors.toList()), hidden, output, cost);
    }

    /**
     * Parses "784,30,10" or "784-30-10" (the way networks are usually written in prose); one separator throughout, so
     * "784,-30,10" stays a negative size, refused as such, rather than becoming 784,30,10.
     */
    public static List<Integer> parseLayers(String text) {
        String separator = text.contains(",") ? "," : "-";
        try {
            // The limit -1 keeps a trailing empty field, so "2,5,1," is refused like "2,,1" rather than read as 2,5,1.
            return Arrays.stream(text.split(separator, -1)).map(String::trim).map(Integer::valueOf).collect(Collectors.toList());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(new Problem("Cannot read layer sizes '" + MessageText.value(text) + "'; give them as integers separated by commas "
                    + "or hyphens, e.g. 784,30,10 or 784-30-10", null, null));
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
        if (l == depth() - 1) {
            return output;
        }
        return hiddenActivations.get(hiddenActivations.size() == 1 ? 0 : l);
    }

    /** True when the hidden layers do not all have the same activation. */
    public boolean hasMixedHidden() {
        return hiddenActivations.size() > 1;
    }

    /**
     * The activation every hidden layer has (for a network without hidden layers, the one it was given).
     *
     * @throws IllegalStateException when the hidden layers' activations differ: ask {@link #activation(int)} or
     *                               {@link #hiddenActivations()} for them
     */
    public Activation hidden() {
        if (hasMixedHidden()) {
            throw new IllegalStateException("The hidden layers of " + this + " have different activations; ask activation(l) for layer l's.");
        }
        return hiddenActivations.get(0);
    }

    /** The hidden activations as written on the command line and in files: "relu", or "relu,sigmoid" when they differ. */
    public String hiddenText() {
        return describe(hiddenActivations);
    }

    /** A network with one activation for all hidden layers, or one per hidden layer, e.g. {@code List.of(RELU, SIGMOID)}. */
    public static NetworkSpec of(List<Activation> hidden, Activation output, Cost cost, int... layers) {
        return new NetworkSpec(Arrays.stream(layers).boxed().collect(Collectors.toList()), hidden, output, cost);
    }

    /** {@code given} cut or, with its last entry repeated, filled to {@code n} entries: a list of the right length to suggest. */
    private static List<Activation> fitted(List<Activation> given, int n) {
        return IntStream.range(0, n).mapToObj(i -> given.get(Math.min(i, given.size() - 1))).toList();
    }

    /** One activation when all of {@code given} are the same, else a copy of the list. */
    private static List<Activation> shortest(List<Activation> given) {
        return given.stream().distinct().count() == 1 ? List.of(given.get(0)) : List.copyOf(given);
    }

    /** Parses "relu" or "relu,sigmoid": the hidden activations, one for all hidden layers or one per hidden layer. */
    public static List<Activation> parseHidden(String text) {
        return Arrays.stream(text.split(",", -1)).map(Activation::hiddenFromId).collect(Collectors.toList());
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

    /** The items, the first {@link #LAYERS_SHOWN} of them when there are more (a file may list a million). */
    private static String describe(List<?> items) {
        String shown = items.stream().limit(LAYERS_SHOWN).map(String::valueOf).collect(Collectors.joining(","));
        return items.size() <= LAYERS_SHOWN ? shown : shown + ",… (" + items.size() + " layers)";
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
            throw new InvalidInputException(new Problem(Character.toUpperCase(what.charAt(0)) + what.substring(1) + " are for the network "
                    + given + " but " + holder + " for " + this + "; " + fix, null, null));
        }
    }

    /**
     * Whether examples of {@code inputs} values and {@code targets} targets are this network's: the one comparison
     * of a network with data, which every refusal of data that does not fit makes in its own words.
     */
    public boolean takesExamplesOf(int inputs, int targets) {
        return inputs == inputSize() && targets == outputSize();
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
        if (!takesExamplesOf(inputs, targets)) {
            throw new InvalidInputException(new Problem(Character.toUpperCase(what.charAt(0)) + what.substring(1) + " has " + inputs
                    + " inputs and " + targets + " targets per example but the network " + this + " takes " + inputSize()
                    + " inputs and gives " + outputSize() + " outputs; give it examples of " + inputSize() + " inputs and "
                    + outputSize() + " targets, or a network of that shape", null, null));
        }
    }

    @Override
    public String toString() {
        return layersText() + " " + hiddenText() + "/" + output + " " + cost;
    }
}
