package dev.mlp4j.verify.file;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.io.Json;
import dev.mlp4j.core.io.JsonFields;
import dev.mlp4j.core.io.JsonFiles;
import dev.mlp4j.core.io.NonFiniteJsonNumberException;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a verify file (docs/verify.md). Every problem is one sentence naming the file and the field path, e.g.
 * {@code net.json: 'gradients.weights[1][2]' has 3 entries but should have 4.}
 */
public final class VerifyFileReader {
    /** Far above any network worth verifying by hand, far below a heap. */
    public static final long MAX_BYTES = 256L << 20;

    private static final Set<String> KNOWN = Set.of("layers", "hidden", "output", "cost", "weights", "biases", "input",
            "target", "inputs", "targets", "reduction", "gradients", "activations", "deltas", "learningRate", "before",
            "after", "l2", "n", "momentum", "velocityBefore");
    /** What hand-written code often calls the fields (lower case, letters only), for a missing field's message. */
    private static final Map<String, Set<String>> SYNONYMS = Map.of(
            "targets", Set.of("labels", "y", "ys", "outputs", "expected"),
            "target", Set.of("label", "y", "expected"),
            "inputs", Set.of("x", "xs", "data", "examples", "images"),
            "input", Set.of("x", "example", "image"),
            "gradients", Set.of("grads", "grad", "nabla", "gradient"),
            "learningRate", Set.of("eta", "lr", "alpha", "rate"),
            "weights", Set.of("w", "ws"),
            "biases", Set.of("b", "bs", "bias"));
    /** The fields of a {"weights": …, "biases": …} object. */
    private static final Set<String> PARAMETER_KEYS = Set.of("weights", "biases");
    private static final String LAYOUT = "weights[i][j][k] is the weight from neuron j of layer i to neuron k of layer i+1";

    private final JsonFields f;
    private final Map<String, Object> root;
    private NetworkSpec spec;
    /** The fields that held vectors as columns, in the order first met. */
    private final Set<String> columnFields = new LinkedHashSet<>();
    /** The fields that held arrays as objects keyed "0", "1", …, in the order first met. */
    private final Set<String> indexedObjectFields;

    private VerifyFileReader(JsonFields f, Map<String, Object> root, Set<String> indexedObjectFields) {
        this.f = f;
        this.root = root;
        this.indexedObjectFields = indexedObjectFields;
    }

    public static VerifyFile read(Path file) {
        String text;
        try {
            text = JsonFiles.read(file, MAX_BYTES, "verify file");
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file.");
        }
        return fromJson(file.toString(), text);
    }

    public static VerifyFile fromJson(String source, String text) {
        JsonFields f = new JsonFields(source);
        Object parsed;
        try {
            parsed = Json.parse(source, text);
        } catch (NonFiniteJsonNumberException e) {
            // The value is the finding: a hand-written net that writes NaN has gone wrong before any gradient is compared.
            throw e.goingOn("; your code computed it, and verify compares finite numbers only: find where it first appears"
                    + " (often the log of an output that reached exactly 0 or 1 in the cross-entropy) and fix that first");
        }
        Set<String> indexedObjectFields = new LinkedHashSet<>();
        Object tree = arrays(parsed, "", indexedObjectFields);
        return new VerifyFileReader(f, f.object(tree, ""), indexedObjectFields).read();
    }

    /**
     * {@code node} with every object whose keys are "0", "1", … "n-1" turned into the array it stands for: JavaScript's
     * JSON.stringify writes a typed array (Float64Array, Float32Array) so, and a net may keep its numbers in them.
     * The fields where that happened are added to {@code fields}.
     */
    private static Object arrays(Object node, String path, Set<String> fields) {
        // Parts without such objects are returned as they are: a large file is not copied for nothing.
        if (node instanceof List<?> list) {
            List<Object> out = null;
            for (int i = 0; i < list.size(); i++) {
                Object e = list.get(i);
                Object read = arrays(e, path, fields);
                if (read != e && out == null) {
                    out = new ArrayList<>(list.subList(0, i));
                }
                if (out != null) {
                    out.add(read);
                }
            }
            return out == null ? list : out;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return node;
        }
        boolean indexed = !map.isEmpty();
        for (int i = 0; indexed && i < map.size(); i++) {
            indexed = map.containsKey(Integer.toString(i));
        }
        if (indexed) {
            fields.add(path);
            List<Object> out = new ArrayList<>(map.size());
            for (int i = 0; i < map.size(); i++) {
                out.add(arrays(map.get(Integer.toString(i)), path, fields));
            }
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = (String) e.getKey();
            Object read = arrays(e.getValue(), path.isEmpty() ? key : path + "." + key, fields);
            changed |= read != e.getValue();
            out.put(key, read);
        }
        return changed ? out : map;
    }

    private VerifyFile read() {
        if (root.get("format") instanceof String format && !present("layers")) {
            // A verify file has no "format" field; mlp4j's own files (models, checkpoints) do, and would otherwise get
            // "'layers' is missing".
            throw new InvalidInputException(f.source() + " is " + (format.equals("mlp4j-model") ? "an mlp4j model file"
                    : "a file of format \"" + format + "\"") + ", not a verify file; verify takes a verify file (see docs/verify.md), "
                    + "while eval, predict and diagnose --model take models.");
        }
        spec = network();
        List<String> ignored = new ArrayList<>();
        for (String key : root.keySet()) {
            if (!KNOWN.contains(key)) {
                ignored.add(key);
            }
        }
        Parameters parameters;
        if (present("weights") || present("biases") || !present("before")) {
            parameters = parameters(root, "", false).values();
        } else {
            parameters = parameters(f.object(root.get("before"), "before"), "before", false).values();
        }
        Batch batch = batch();
        Reduction reduction = reduction(batch.size());
        ClaimedGradients gradients = present("gradients")
                ? parameters(f.object(root.get("gradients"), "gradients"), "gradients", true) : null;
        double[][] activations = present("activations") ? activations(batch.size()) : null;
        double[][] deltas = present("deltas") ? deltas(batch.size()) : null;
        StepClaim step = null;
        String stepProblem = null;
        if (present("after")) {
            // Only verify --step needs the step: a fault in its fields must not stop the gradient check.
            try {
                step = step(parameters);
            } catch (InvalidInputException e) {
                stepProblem = e.message(FieldWords.WORDS);
            }
        }
        List<String> readingNotes = new ArrayList<>();
        if (!columnFields.isEmpty()) {
            readingNotes.add("Read the column vectors of " + quoted(columnFields) + " ([[x], [y], ...], numpy's (n, 1) arrays)"
                    + " as the flat vectors they hold.");
        }
        if (!indexedObjectFields.isEmpty()) {
            readingNotes.add("Read the objects keyed \"0\", \"1\", ... in " + quoted(indexedObjectFields) + " (what JSON.stringify"
                    + " writes for a typed array such as Float64Array) as the arrays they stand for.");
        }
        return new VerifyFile(f.source(), spec, parameters, batch, reduction, gradients, activations, deltas, step, stepProblem,
                ignored, readingNotes);
    }

    private static String quoted(Set<String> fields) {
        return String.join(", ", fields.stream().map(c -> "'" + c + "'").toList());
    }

    /** {@code obj[key]}; when it is missing, the sentence names a field of {@code obj} that looks like a misspelling of it. */
    private Object required(Map<String, Object> obj, String key, String path) {
        if (obj.get(key) == null) {
            List<String> unknown = obj.keySet().stream().filter(k -> !KNOWN.contains(k) && !PARAMETER_KEYS.contains(k)).toList();
            String near = nearest(key, unknown);
            if (near == null) {
                near = unknown.stream().filter(k -> SYNONYMS.getOrDefault(key, Set.of()).contains(letters(k))).findFirst().orElse(null);
            }
            if (near != null) {
                throw f.fail(path.isEmpty() ? key : path + "." + key, "is missing, but the file has '" + near + "' (misspelt?)");
            }
        }
        return f.required(obj, key, path);
    }

    /**
     * The one of {@code candidates} that {@code key} was most likely meant by (same letters up to case, '_' and '-', or at
     * most two letters off), or null.
     */
    public static String nearest(String key, Collection<String> candidates) {
        String k = letters(key);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(k, letters(c));
            if (d < bestDistance && (d == 0 || (d <= 2 && k.length() >= 4))) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    private static String letters(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** Levenshtein distance, for the short names of fields. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private boolean present(String key) {
        return root.containsKey(key) && root.get(key) != null;
    }

    private NetworkSpec network() {
        List<Object> list = f.list(required(root, "layers", ""), "layers");
        List<Integer> layers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            layers.add(f.integer(list.get(i), "layers[" + i + "]"));
        }
        try {
            boolean hasHidden = layers.size() > 2;
            List<Activation> hidden = hasHidden || present("hidden") ? hiddenActivations() : List.of(Activation.SIGMOID);
            Activation output = Activation.fromId(f.string(required(root, "output", ""), "output"));
            Cost cost = Cost.fromId(f.string(required(root, "cost", ""), "cost"));
            return new NetworkSpec(layers, hidden, output, cost);
        } catch (InvalidInputException e) {
            if (!e.place().isEmpty()) {
                throw e;
            }
            // The network's refusals name settings; in a verify file the same choices are fields.
            InvalidInputException placed = e.placedIn(f.source() + ": ");
            throw new InvalidInputException(placed.message(FieldWords.WORDS), placed);
        }
    }

    /** "hidden": one name for all hidden layers, or an array of names, one per hidden layer. */
    private List<Activation> hiddenActivations() {
        Object node = required(root, "hidden", "");
        if (!(node instanceof List<?>)) {
            return List.of(Activation.hiddenFromId(f.string(node, "hidden")));
        }
        List<Object> names = f.list(node, "hidden");
        List<Activation> hidden = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            hidden.add(Activation.hiddenFromId(f.string(names.get(i), "hidden[" + i + "]")));
        }
        return hidden;
    }

    /** {"weights": …, "biases": …} under {@code path}; weight matrices the other way round only if {@code lenient}. */
    private ClaimedGradients parameters(Map<String, Object> obj, String path, boolean lenient) {
        String prefix = path.isEmpty() ? "" : path + ".";
        List<Object> w = f.list(required(obj, "weights", path), prefix + "weights");
        List<Object> b = f.list(required(obj, "biases", path), prefix + "biases");
        if (w.size() != spec.depth()) {
            throw f.fail(prefix + "weights", "has " + w.size() + " matrices but layers " + spec.layersText() + " need "
                    + spec.depth() + ", one per pair of adjacent layers");
        }
        if (b.size() != spec.depth()) {
            throw f.fail(prefix + "biases", "has " + b.size() + " vectors but layers " + spec.layersText() + " need "
                    + spec.depth() + ", one per layer after the input");
        }
        Parameters p = new Parameters(spec);
        Set<Integer> transposed = new HashSet<>();
        for (int l = 0; l < spec.depth(); l++) {
            String wPath = prefix + "weights[" + l + "]";
            int from = spec.size(l);
            int to = spec.size(l + 1);
            List<Object> rows = f.list(w.get(l), wPath);
            double[] core;
            if (from != to && rows.size() == to && firstRowHas(rows, from)) {
                if (!lenient) {
                    throw f.fail(wPath, "has " + to + " rows of " + from + " but should have " + from + " rows of " + to
                            + " (" + LAYOUT + "); it looks stored the other way round, so transpose it");
                }
                core = f.matrix(rows, wPath, to, from);
                transposed.add(l);
            } else {
                if (rows.size() != from) {
                    throw f.fail(wPath, "has " + rows.size() + " rows but should have " + from
                            + ", one per neuron of layer " + l + " (" + LAYOUT + ")");
                }
                core = ParameterArray.transpose(f.matrix(rows, wPath, from, to), from, to);
            }
            System.arraycopy(core, 0, p.weights(l), 0, core.length);
            double[] bias = vector(b.get(l), prefix + "biases[" + l + "]", to);
            System.arraycopy(bias, 0, p.biases(l), 0, to);
        }
        return new ClaimedGradients(p, transposed);
    }

    private static boolean firstRowHas(List<Object> rows, int length) {
        return !rows.isEmpty() && rows.get(0) instanceof List<?> r && r.size() == length;
    }

    private Batch batch() {
        boolean single = present("input") || present("target");
        boolean many = present("inputs") || present("targets");
        if (single && many) {
            throw f.fail("", "has both 'input'/'target' and 'inputs'/'targets'; give one example or a batch, not both");
        }
        if (!single && !many) {
            throw f.fail("input", "is missing: give 'input' and 'target' for one example, or 'inputs' and 'targets' for a batch");
        }
        int in = spec.inputSize();
        int out = spec.outputSize();
        if (single) {
            double[] x = vector(required(root, "input", ""), "input", in);
            Object target = required(root, "target", "");
            if (out > 1 && target instanceof Double) {
                throw f.fail("target", "is one number, a class index perhaps, but the network has " + out + " outputs: give " + out
                        + " values, one-hot for a class (class 1 of " + out + " is " + oneHot(1, out) + ")");
            }
            double[] y = vector(target, "target", out);
            return new Batch(1, in, out, x, y);
        }
        List<Object> xs = f.list(required(root, "inputs", ""), "inputs");
        List<Object> ys = f.list(required(root, "targets", ""), "targets");
        if (out > 1 && !ys.isEmpty() && ys.stream().allMatch(y -> y instanceof Double)) {
            throw f.fail("targets", "holds one number per example, class indices perhaps, but the network has " + out + " outputs: give "
                    + "each example's target as " + out + " values, one-hot for a class (class 1 of " + out + " is " + oneHot(1, out) + ")");
        }
        refuseColumnsPerExample(xs, "inputs", in);
        refuseColumnsPerExample(ys, "targets", out);
        if (xs.isEmpty()) {
            throw f.fail("inputs", "is empty; give at least one example");
        }
        if (ys.size() != xs.size()) {
            throw f.fail("targets", "has " + ys.size() + " rows but 'inputs' has " + xs.size() + "; give one target per input");
        }
        return new Batch(xs.size(), in, out, rows(xs, "inputs", in), rows(ys, "targets", out));
    }

    private static String oneHot(int k, int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(i == k ? 1 : 0);
        }
        return sb.append(']').toString();
    }

    /**
     * Vectorised numpy code holds a batch as a (width, examples) matrix, one column per example; its {@code tolist()}
     * then has {@code width} rows of one value per example, which can be told apart unless the batch is as wide.
     */
    private void refuseColumnsPerExample(List<Object> rows, String key, int width) {
        if (rows.size() == width && !rows.isEmpty() && rows.get(0) instanceof List<?> first && first.size() != width
                && rows.stream().allMatch(r -> r instanceof List<?> l && l.size() == first.size())) {
            throw f.fail(key, "has " + width + " rows of " + first.size() + " values, but should have one row of " + width
                    + " values per example; it looks stored one column per example (numpy's (" + width + ", examples) layout), so"
                    + " transpose it (X.T.tolist())");
        }
    }

    /**
     * A vector of {@code length} numbers. A column of them, {@code [[x], [y], …]}, is what numpy's (n, 1) arrays (as
     * Nielsen's code keeps biases, inputs and targets) give with {@code tolist()}: it can only mean the vector it holds,
     * so it is read as that, and the field is named in a note.
     */
    private double[] vector(Object node, String path, int length) {
        if (length == 1 && node instanceof Double d) {
            // One output's target (or one input) written as a bare number, as a binary classifier's labels often are.
            return new double[] {d};
        }
        if (node instanceof List<?> list && length > 0 && list.size() == length
                && list.stream().allMatch(e -> e instanceof List<?> c && c.size() == 1)) {
            double[] v = new double[length];
            for (int i = 0; i < length; i++) {
                v[i] = f.number(((List<?>) list.get(i)).get(0), path + "[" + i + "][0]");
            }
            columnFields.add(path.replaceFirst("\\[.*$", ""));
            return v;
        }
        return f.vector(node, path, length);
    }

    /** One vector of {@code cols} numbers per entry of {@code list}, row-major; each row is read before the whole is allocated. */
    private double[] rows(List<Object> list, String path, int cols) {
        List<double[]> read = new ArrayList<>();
        for (int r = 0; r < list.size(); r++) {
            read.add(vector(list.get(r), path + "[" + r + "]", cols));
        }
        double[] m = new double[list.size() * cols];
        for (int r = 0; r < read.size(); r++) {
            System.arraycopy(read.get(r), 0, m, r * cols, cols);
        }
        return m;
    }

    private Reduction reduction(int examples) {
        if (!present("reduction")) {
            // Only a gradient comes in two forms; a training step is always one step on the batch's mean.
            if (examples > 1 && present("gradients")) {
                throw f.fail("reduction", "is missing: with a batch of " + examples + " examples say whether your gradient is"
                        + " their mean (\"mean\", what a loss averaged over the batch gives) or their sum (\"sum\", what Nielsen's"
                        + " update_mini_batch adds up in nabla_w and nabla_b before it divides by the batch size)");
            }
            return Reduction.MEAN;
        }
        String id = f.string(root.get("reduction"), "reduction");
        Reduction r = Reduction.fromId(id);
        if (r == null) {
            throw f.fail("reduction", "is \"" + id + "\" but should be \"mean\" or \"sum\"");
        }
        return r;
    }

    /** One list per example: a single example's list as it is, a batch's as [example][…]. */
    private List<Object> perExample(String key, int examples) {
        if (!present("inputs")) {
            return List.of(root.get(key));
        }
        List<Object> list = f.list(root.get(key), key);
        if (!list.isEmpty() && list.get(0) instanceof List<?> first && !first.isEmpty() && oneLayer(first)) {
            throw f.fail(key, "holds one example's layers, but with 'inputs' it needs one list of layers per example, "
                    + key + "[example][layer][neuron]: dump " + key + " for every example of the batch");
        }
        if (list.size() != examples) {
            throw f.fail(key, "has " + list.size() + " entries but the batch has " + examples
                    + " examples; with 'inputs' it holds one list per example, " + key + "[example][layer][neuron]");
        }
        return list;
    }

    /**
     * Whether {@code entry}, where one example's list of layers belongs, is a single layer: its numbers, or its numbers as
     * a column ([[x], [y]], which only a network of one-neuron layers could take for a list of layers).
     */
    private boolean oneLayer(List<?> entry) {
        return entry.get(0) instanceof Double || spec.layers().stream().anyMatch(width -> width > 1)
                && entry.stream().allMatch(e -> e instanceof List<?> c && c.size() == 1 && c.get(0) instanceof Double);
    }

    private String examplePath(String key, int e) {
        return present("inputs") ? key + "[" + e + "]" : key;
    }

    private double[][] activations(int examples) {
        List<Object> perExample = perExample("activations", examples);
        int layers = spec.layerCount();
        int given = -1;
        double[][] out = new double[layers][];
        for (int e = 0; e < examples; e++) {
            String path = examplePath("activations", e);
            List<Object> list = f.list(perExample.get(e), path);
            if (list.size() != layers && list.size() != layers - 1) {
                throw f.fail(path, "has " + list.size() + " layers but should have " + layers
                        + ", one per layer with the input first (or " + (layers - 1) + " without the input)");
            }
            if (given >= 0 && list.size() != given) {
                throw f.fail(path, "has " + list.size() + " layers but the first example has " + given);
            }
            given = list.size();
            int skip = layers - list.size();
            for (int i = 0; i < list.size(); i++) {
                int layer = i + skip;
                if (out[layer] == null) {
                    out[layer] = new double[examples * spec.size(layer)];
                }
                double[] v = vector(list.get(i), path + "[" + i + "]", spec.size(layer));
                System.arraycopy(v, 0, out[layer], e * v.length, v.length);
            }
        }
        return out;
    }

    private double[][] deltas(int examples) {
        List<Object> perExample = perExample("deltas", examples);
        double[][] out = new double[spec.depth()][];
        for (int e = 0; e < examples; e++) {
            String path = examplePath("deltas", e);
            List<Object> list = f.list(perExample.get(e), path);
            if (list.size() != spec.depth()) {
                throw f.fail(path, "has " + list.size() + " layers but should have " + spec.depth()
                        + ", one per layer after the input (deltas[i] belongs to the neurons of layer i+1, like biases[i])");
            }
            for (int l = 0; l < spec.depth(); l++) {
                if (out[l] == null) {
                    out[l] = new double[examples * spec.size(l + 1)];
                }
                double[] v = vector(list.get(l), path + "[" + l + "]", spec.size(l + 1));
                System.arraycopy(v, 0, out[l], e * v.length, v.length);
            }
        }
        return out;
    }

    private StepClaim step(Parameters parameters) {
        double eta = f.number(required(root, "learningRate", ""), "learningRate");
        if (!(eta > 0)) {
            throw f.fail("learningRate", "is " + eta + " but should be positive");
        }
        Parameters before = present("before") ? parameters(f.object(root.get("before"), "before"), "before", false).values() : parameters;
        Parameters after = parameters(f.object(root.get("after"), "after"), "after", false).values();
        double momentum = present("momentum") ? f.number(root.get("momentum"), "momentum") : 0;
        if (!(momentum >= 0 && momentum < 1)) {
            throw f.fail("momentum", "is " + momentum + " but should be at least 0 and below 1");
        }
        Parameters velocity = present("velocityBefore")
                ? parameters(f.object(root.get("velocityBefore"), "velocityBefore"), "velocityBefore", false).values() : null;
        double l2 = present("l2") ? f.number(root.get("l2"), "l2") : 0;
        if (!(l2 >= 0)) {
            throw f.fail("l2", "is " + l2 + " but should be 0 or positive");
        }
        int n = 1;
        if (l2 > 0) {
            if (!present("n")) {
                throw f.fail("n", "is missing: with 'l2' give the training-set size n too (the weights decay by ηλ/n per step)");
            }
            n = f.integer(root.get("n"), "n");
            if (n < 1) {
                throw f.fail("n", "is " + n + " but should be the training-set size, at least 1");
            }
        }
        return new StepClaim(eta, momentum, l2, n, before, after, velocity);
    }
}
