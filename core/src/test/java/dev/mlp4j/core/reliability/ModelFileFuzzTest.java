package dev.mlp4j.core.reliability;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.io.Json;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Generated model files against {@link ModelFile#load}: valid models changed in their structure (missing fields,
 * wrong shapes, NaN and Infinity, unknown versions, huge arrays) and in their bytes (random edits, truncation,
 * invalid UTF-8). Each is either loaded exactly as written or refused with an {@link InvalidInputException} naming
 * the file, the position and the fix; never another exception, a hang, or an allocation the file does not justify.
 */
class ModelFileFuzzTest {
    static final int SCALE = IdxFuzzTest.SCALE;
    static final long SEED = IdxFuzzTest.SEED;
    static final int TREE_CASES = 1500 * SCALE;
    static final int TEXT_CASES = 2000 * SCALE;

    private static final AtomicInteger cases = new AtomicInteger();
    private static final AtomicInteger accepted = new AtomicInteger();
    private static final AtomicInteger refused = new AtomicInteger();

    @TempDir
    Path dir;

    @AfterAll
    static void summary() {
        System.out.println("[reliability] model JSON fuzz: " + cases + " generated files, " + accepted + " loaded exactly, "
                + refused + " refused with a good message");
    }

    /** JSON text written as is, for what a Map/List tree cannot hold: NaN, 1e999, 01, ... */
    record Raw(String text) {
    }

    // ---- A valid model to start from ----

    private static final Activation[] HIDDEN = {Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.LINEAR};

    /** A small valid model drawn from {@code r}. */
    static Model validModel(Random r) {
        int depth = 1 + r.nextInt(3);
        int[] layers = new int[depth + 1];
        for (int i = 0; i <= depth; i++) {
            layers[i] = 1 + r.nextInt(5);
        }
        Activation hidden = HIDDEN[r.nextInt(HIDDEN.length)];
        NetworkSpec spec;
        if (layers[depth] >= 2 && r.nextBoolean()) {
            spec = NetworkSpec.of(hidden, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, layers);
        } else if (r.nextBoolean()) {
            spec = NetworkSpec.of(hidden, Activation.SIGMOID, Cost.CROSS_ENTROPY, layers);
        } else {
            spec = NetworkSpec.of(hidden, HIDDEN[r.nextInt(HIDDEN.length)], Cost.QUADRATIC, layers);
        }
        Parameters p = WeightInit.NORMAL.initialise(spec, r);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("epochs", r.nextInt(50));
        training.put("learningRate", "0.5");
        return new Model(spec, p, training);
    }

    // ---- Structural mutations ----

    enum Change { REMOVE_KEY, REPLACE_NODE, DROP_ELEMENT, ADD_ELEMENT, SET_LAYER, SET_VERSION, SET_FORMAT, SET_NAME, TRANSPOSE, HUGE_ARRAY }

    private static final Object[] ODD_VALUES = {null, "", "sigmoid", 0.0, -1.0, 1.5, 1e308, 2147483648.0, true, false,
            List.of(), Map.of(), List.of(List.of()), new Raw("NaN"), new Raw("Infinity"), new Raw("-Infinity"), new Raw("1e999"),
            new Raw("-0"), new Raw("01"), new Raw("+1"), new Raw(".5"), new Raw("0x10"), new Raw("1e-400"), new Raw("nan"),
            new Raw("\"\\ud800\""), new Raw("\"\\u0000\"")};

    /** A model file changed in 1 to 3 places, with what was done. */
    record TreeCase(String description, String text) {
        @Override
        public String toString() {
            return description + ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
    }

    static Gen<TreeCase> treeCases() {
        Gen<Change> change = Generate.enumValues(Change.class);
        return longs().all().zip(integers().between(1, 3), change, change, ModelFileFuzzTest::treeCase);
    }

    @SuppressWarnings("unchecked")
    private static TreeCase treeCase(long seed, int count, Change first, Change second) {
        Random r = new Random(seed);
        Model model = validModel(r);
        Map<String, Object> root = (Map<String, Object>) Json.parse("valid", ModelFile.toJson(model));
        List<String> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Change c = i == 0 ? first : i == 1 ? second : Change.values()[r.nextInt(Change.values().length)];
            done.add(c + " " + apply(root, c, r));
        }
        return new TreeCase(model.spec() + " " + done, write(root));
    }

    @SuppressWarnings("unchecked")
    private static String apply(Map<String, Object> root, Change c, Random r) {
        switch (c) {
            case REMOVE_KEY: {
                List<Object[]> objects = new ArrayList<>();
                collect(root, "", objects, true);
                Object[] pick = objects.get(r.nextInt(objects.size()));
                Map<String, Object> m = (Map<String, Object>) pick[1];
                if (m.isEmpty()) {
                    return "nothing at " + pick[0];
                }
                String key = new ArrayList<>(m.keySet()).get(r.nextInt(m.size()));
                m.remove(key);
                return pick[0] + "." + key;
            }
            case REPLACE_NODE: {
                List<Object[]> slots = new ArrayList<>();
                slots(root, "", slots);
                Object[] pick = slots.get(r.nextInt(slots.size()));
                Object value = ODD_VALUES[r.nextInt(ODD_VALUES.length)];
                set(pick, value);
                return pick[0] + " = " + value;
            }
            case DROP_ELEMENT:
            case ADD_ELEMENT: {
                List<Object[]> lists = new ArrayList<>();
                collect(root, "", lists, false);
                Object[] pick = lists.get(r.nextInt(lists.size()));
                List<Object> l = (List<Object>) pick[1];
                if (c == Change.DROP_ELEMENT) {
                    if (!l.isEmpty()) {
                        l.remove(r.nextInt(l.size()));
                    }
                } else {
                    l.add(r.nextInt(l.size() + 1), l.isEmpty() || r.nextBoolean() ? 0.0 : l.get(r.nextInt(l.size())));
                }
                return String.valueOf(pick[0]);
            }
            case SET_LAYER: {
                List<Object> layers = (List<Object>) ((Map<String, Object>) root.getOrDefault("network", new LinkedHashMap<>()))
                        .getOrDefault("layers", new ArrayList<>());
                double[] sizes = {0, -1, 1, 7, 1048576, 1048577, 2147483648.0, 1.5, 46341, 100000};
                if (!layers.isEmpty()) {
                    int i = r.nextInt(layers.size());
                    layers.set(i, sizes[r.nextInt(sizes.length)]);
                    return "layers[" + i + "] = " + layers.get(i);
                }
                return "no layers";
            }
            case SET_VERSION: {
                Object[] versions = {0.0, 2.0, -1.0, 1.0, 1.5, 99.0, "1", null, new Raw("1e999"), new Raw("1.0e0")};
                root.put("version", versions[r.nextInt(versions.length)]);
                return String.valueOf(root.get("version"));
            }
            case SET_FORMAT: {
                Object[] formats = {"mlp4j-checkpoint", "keras", 1.0, null, "MLP4J-MODEL", ""};
                root.put("format", formats[r.nextInt(formats.length)]);
                return String.valueOf(root.get("format"));
            }
            case SET_NAME: {
                Object net = root.get("network");
                if (net instanceof Map<?, ?>) {
                    String[] keys = {"hidden", "output", "cost"};
                    String[] names = {"softmax", "relu", "swish", "", "SIGMOID", "log-likelihood", "cross-entropy", "quadratic", "tanh"};
                    String key = keys[r.nextInt(keys.length)];
                    ((Map<String, Object>) net).put(key, names[r.nextInt(names.length)]);
                    return key + " = " + ((Map<String, Object>) net).get(key);
                }
                return "no network";
            }
            case TRANSPOSE: {
                Object w = root.get("weights");
                if (w instanceof List<?> ws && !ws.isEmpty() && ws.get(0) instanceof List<?> m && !m.isEmpty() && m.get(0) instanceof List<?> row) {
                    List<Object> t = new ArrayList<>();
                    for (int k = 0; k < row.size(); k++) {
                        List<Object> col = new ArrayList<>();
                        for (Object rr : m) {
                            col.add(rr instanceof List<?> l && k < l.size() ? l.get(k) : 0.0);
                        }
                        t.add(col);
                    }
                    ((List<Object>) ws).set(0, t);
                    return "weights[0]";
                }
                return "no weights";
            }
            case HUGE_ARRAY: {
                List<Object[]> lists = new ArrayList<>();
                collect(root, "", lists, false);
                Object[] pick = lists.get(r.nextInt(lists.size()));
                List<Object> l = (List<Object>) pick[1];
                int n = 5_000 + r.nextInt(20_000);
                for (int i = 0; i < n; i++) {
                    l.add(0.25);
                }
                return pick[0] + " + " + n + " numbers";
            }
            default:
                throw new IllegalStateException();
        }
    }

    /** Every object (maps) or every array (lists) in the tree, with its path. */
    private static void collect(Object node, String path, List<Object[]> out, boolean maps) {
        if (node instanceof Map<?, ?> m) {
            if (maps) {
                out.add(new Object[] {path, m});
            }
            m.forEach((k, v) -> collect(v, path + "." + k, out, maps));
        } else if (node instanceof List<?> l) {
            if (!maps) {
                out.add(new Object[] {path, l});
            }
            for (int i = 0; i < l.size(); i++) {
                collect(l.get(i), path + "[" + i + "]", out, maps);
            }
        }
    }

    /** Every place a value sits: {path, container, key or index}. */
    private static void slots(Object node, String path, List<Object[]> out) {
        if (node instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                out.add(new Object[] {path + "." + k, m, k});
                slots(m.get(k), path + "." + k, out);
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                out.add(new Object[] {path + "[" + i + "]", l, i});
                slots(l.get(i), path + "[" + i + "]", out);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(Object[] slot, Object value) {
        if (slot[1] instanceof Map<?, ?> m) {
            ((Map<Object, Object>) m).put(slot[2], value);
        } else {
            ((List<Object>) slot[1]).set((Integer) slot[2], value);
        }
    }

    /** JSON text of a tree, independent of the library's writers. */
    static String write(Object node) {
        StringBuilder sb = new StringBuilder();
        write(sb, node);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object node) {
        if (node == null) {
            sb.append("null");
        } else if (node instanceof Raw raw) {
            sb.append(raw.text());
        } else if (node instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ");
                first = false;
                Json.quote(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (node instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                write(sb, l.get(i));
            }
            sb.append(']');
        } else if (node instanceof String s) {
            Json.quote(sb, s);
        } else {
            sb.append(node);
        }
    }

    @Test
    void structurally_changed_models_load_exactly_or_are_refused_cleanly() {
        Path file = dir.resolve("changed-model.json");
        qt().withFixedSeed(SEED + 2).withExamples(TREE_CASES).withShrinkCycles(20)
                .forAll(treeCases())
                .checkAssert(c -> check(file, c.text().getBytes(StandardCharsets.UTF_8), c.toString()));
    }

    // ---- Byte-level mutations ----

    enum Edit { DELETE, INSERT_JSON_CHAR, REPLACE, TRUNCATE, DUPLICATE_SPAN, SWAP, INVALID_UTF8, NUL, BOM, NUMBER_TOKEN }

    private static final String JSON_CHARS = "{}[],:\"0123456789.eE+-ntrufalsNIa \n\t\\/u";
    private static final String[] TOKENS = {"NaN", "Infinity", "-Infinity", "1e999", "-1e999", "01", "+1", ".5", "1.", "0x1F", "1e",
            "--1", "null", "true", "\"x\"", "[]", "{}", "9".repeat(400)};

    static Gen<byte[]> textCases() {
        Gen<Edit> edit = Generate.enumValues(Edit.class);
        return longs().all().zip(integers().between(1, 4), edit, ModelFileFuzzTest::textCase);
    }

    private static byte[] textCase(long seed, int count, Edit first) {
        Random r = new Random(seed);
        byte[] b = ModelFile.toJson(validModel(r)).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < count; i++) {
            b = edit(b, i == 0 ? first : Edit.values()[r.nextInt(Edit.values().length)], r);
        }
        return b;
    }

    private static byte[] edit(byte[] b, Edit e, Random r) {
        int len = b.length;
        int at = r.nextInt(len + 1);
        switch (e) {
            case DELETE: {
                int to = Math.min(len, at + 1 + r.nextInt(8));
                return IdxFuzzTest.concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, to, len));
            }
            case INSERT_JSON_CHAR:
                return splice(b, at, new byte[] {(byte) JSON_CHARS.charAt(r.nextInt(JSON_CHARS.length()))});
            case REPLACE:
                if (at < len) {
                    b[at] = (byte) JSON_CHARS.charAt(r.nextInt(JSON_CHARS.length()));
                }
                return b;
            case TRUNCATE:
                return Arrays.copyOf(b, at);
            case DUPLICATE_SPAN: {
                int to = Math.min(len, at + 1 + r.nextInt(40));
                return splice(b, to, Arrays.copyOfRange(b, at, to));
            }
            case SWAP:
                if (len > 1) {
                    int i = r.nextInt(len);
                    int j = r.nextInt(len);
                    byte t = b[i];
                    b[i] = b[j];
                    b[j] = t;
                }
                return b;
            case INVALID_UTF8:
                return splice(b, at, new byte[][] {{(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80},
                        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}[r.nextInt(5)]);
            case NUL:
                return splice(b, at, new byte[] {0});
            case BOM:
                return splice(b, r.nextBoolean() ? 0 : at, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            case NUMBER_TOKEN: {
                // Replace one number with an odd token.
                String s = new String(b, StandardCharsets.UTF_8);
                Matcher m = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?").matcher(s);
                List<int[]> spans = new ArrayList<>();
                while (m.find()) {
                    spans.add(new int[] {m.start(), m.end()});
                }
                if (spans.isEmpty()) {
                    return b;
                }
                int[] span = spans.get(r.nextInt(spans.size()));
                return (s.substring(0, span[0]) + TOKENS[r.nextInt(TOKENS.length)] + s.substring(span[1])).getBytes(StandardCharsets.UTF_8);
            }
            default:
                throw new IllegalStateException();
        }
    }

    private static byte[] splice(byte[] b, int at, byte[] insert) {
        return IdxFuzzTest.concat(IdxFuzzTest.concat(Arrays.copyOf(b, at), insert), Arrays.copyOfRange(b, at, b.length));
    }

    @Test
    void randomly_edited_model_text_loads_exactly_or_is_refused_cleanly() {
        Path file = dir.resolve("edited-model.json");
        qt().withFixedSeed(SEED + 3).withExamples(TEXT_CASES).withShrinkCycles(20)
                .forAll(textCases())
                .checkAssert(b -> check(file, b, "edited model text " + new String(b, 0, Math.min(b.length, 200), StandardCharsets.UTF_8)));
    }

    // ---- The check ----

    private static void check(Path file, byte[] bytes, String description) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cases.incrementAndGet();
        Refusals.Outcome<Model> outcome = Refusals.run(description, () -> ModelFile.load(file));
        if (outcome.refused()) {
            Refusals.assertGoodMessage(outcome.refusal(), file.toString(), description);
            refused.incrementAndGet();
            return;
        }
        // Loaded: it must be exactly what the text says, so writing it and loading that gives the same model,
        // and every weight and bias is the number at its place in the text.
        Model m = outcome.value();
        assertTrue(m.parameters().firstNonFinite() == null, description);
        Model again = ModelFile.fromJson("again", ModelFile.toJson(m));
        assertEquals(m.spec(), again.spec(), description);
        assertEquals(m.parameters(), again.parameters(), description);
        Object tree = Json.parse("tree", new String(bytes, StandardCharsets.UTF_8));
        List<?> weights = (List<?>) ((Map<?, ?>) tree).get("weights");
        for (int l = 0; l < m.spec().depth(); l++) {
            List<?> rows = (List<?>) weights.get(l);
            for (int j = 0; j < rows.size(); j++) {
                List<?> row = (List<?>) rows.get(j);
                for (int k = 0; k < row.size(); k++) {
                    assertEquals(((Double) row.get(k)).doubleValue(), m.parameters().weight(l, j, k), description);
                }
            }
        }
        accepted.incrementAndGet();
    }

    // ---- Hostile sizes ----

    @Test
    void a_2000_row_file_for_a_layer_of_a_million_inputs_is_refused_without_allocating_for_the_claim() throws IOException {
        // Layers [1048576, 2000] pass the network's own limits (2.1e9 weights fit an array index), but the file holds
        // 2000 rows of one number each. Allocating 2000 x 1048576 doubles first would need 16 GB.
        Path file = dir.resolve("hostile-shape.json");
        Files.writeString(file, hostileShape());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] allocated = new long[1];
        Refusals.Outcome<Model> outcome = Refusals.run("hostile shape", () -> {
            long before = threads.getCurrentThreadAllocatedBytes();
            try {
                return ModelFile.load(file);
            } finally {
                allocated[0] = threads.getCurrentThreadAllocatedBytes() - before;
            }
        });
        assertTrue(outcome.refused());
        Refusals.assertGoodMessage(outcome.refusal(), file.toString(), "hostile shape");
        assertTrue(outcome.refusal().getMessage().contains("'weights[0][0]' has 1 entries but should have 1048576"),
                outcome.refusal().getMessage());
        assertTrue(allocated[0] < 16L << 20, "allocated " + allocated[0] + " bytes for a " + Files.size(file) + "-byte file");
        cases.incrementAndGet();
        refused.incrementAndGet();
    }

    static String hostileShape() {
        StringBuilder rows = new StringBuilder();
        for (int j = 0; j < 2000; j++) {
            rows.append(j == 0 ? "[0]" : ",[0]");
        }
        return "{\"format\": \"mlp4j-model\", \"version\": 1, \"network\": {\"layers\": [1048576, 2000], \"hidden\": \"sigmoid\","
                + " \"output\": \"sigmoid\", \"cost\": \"quadratic\"}, \"weights\": [[" + rows + "]], \"biases\": [[" + "0,".repeat(1999) + "0]]}";
    }

    @Test
    void huge_and_deep_files_are_refused_quickly_and_within_a_32_mb_heap() throws IOException {
        List<String> args = new ArrayList<>();
        // Larger than any model: refused by its size, before a byte is read (sparse, so it costs no disk).
        Path sparse = dir.resolve("600-mb-model.json");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(600L << 20);
        }
        args.add("model:" + sparse);
        Path hostile = Files.writeString(dir.resolve("hostile-shape.json"), hostileShape());
        args.add("model:" + hostile);
        // Nesting a hundred thousand levels deep: refused at the parser's depth limit, not by a StackOverflowError.
        args.add("model:" + Files.writeString(dir.resolve("deep.json"), "[".repeat(100_000) + "]".repeat(100_000)));
        args.add("model:" + Files.writeString(dir.resolve("deep-objects.json"), "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000)));
        // A string of 4 MB where a number belongs, and a layer list of a million entries.
        args.add("model:" + Files.writeString(dir.resolve("long-string.json"),
                "{\"format\": \"mlp4j-model\", \"version\": \"" + "9".repeat(4 << 20) + "\"}"));
        args.add("model:" + Files.writeString(dir.resolve("many-layers.json"),
                "{\"format\": \"mlp4j-model\", \"version\": 1, \"network\": {\"layers\": [" + "1,".repeat(200_000)
                        + "1], \"hidden\": \"sigmoid\", \"output\": \"sigmoid\", \"cost\": \"quadratic\"}, \"weights\": [], \"biases\": []}"));
        ChildJvm.Result r = ChildJvm.run(dir, 60, List.of("-Xmx32m", "-Xss512k", "-XX:+UseSerialGC"), RefuseMain.class, args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.output());
        for (String line : r.output().strip().split("\n")) {
            String path = line.substring("refused ".length(), line.indexOf(": "));
            String problem = Refusals.problemWith(line.substring(line.indexOf(": ") + 2), path);
            assertTrue(problem == null, problem + ": " + line);
        }
        cases.addAndGet(args.size());
        refused.addAndGet(args.size());
    }

    @Test
    void a_model_that_is_not_utf8_text_is_refused_naming_the_byte() throws IOException {
        Path file = dir.resolve("binary-model.json");
        byte[] text = ModelFile.toJson(validModel(new Random(5))).getBytes(StandardCharsets.UTF_8);
        text[37] = (byte) 0xFF;
        Files.write(file, text);
        InvalidInputException e = Refusals.run("binary", () -> ModelFile.load(file)).refusal();
        assertTrue(e != null && e.getMessage().contains("byte 37"), String.valueOf(e));
        Refusals.assertGoodMessage(e, file.toString(), "binary");
        cases.incrementAndGet();
        refused.incrementAndGet();
    }
}
