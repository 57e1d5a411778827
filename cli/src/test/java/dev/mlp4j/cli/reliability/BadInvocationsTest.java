package dev.mlp4j.cli.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table of bad invocations run in-process: each must exit 2 (the command line is wrong) or 1 (the run failed)
 * with one line on stderr that says what is wrong in the user's terms, no stack trace; and with --json the last
 * stdout line is a JSON object with "error" and "exitCode".
 */
class BadInvocationsTest {
    @TempDir
    static Path tmp;

    static Path mini;
    static Path model;

    /** A mini-MNIST folder whose file {@code name} is replaced by the corrupt fixture {@code corrupt}. */
    static Path miniWith(String name, String corrupt) throws IOException {
        Path dir = Fixtures.directory("idx/mini-mnist", Fixtures.MNIST_FILE_NAMES.toArray(String[]::new));
        try (InputStream in = Fixtures.open("idx/corrupt/" + corrupt)) {
            Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    @BeforeAll
    static void files() {
        mini = Fixtures.directory("idx/mini-mnist", Fixtures.MNIST_FILE_NAMES.toArray(String[]::new));
        model = tmp.resolve("circle.json");
        Cli saved = Cli.run("train", "--example", "circle", "--epochs", "2", "--backend", "core", "--no-progress", "--save", model.toString());
        assertEquals(0, saved.exitCode(), saved.toString());
    }

    /** One bad invocation: the arguments, the exit code, and words the message must contain. */
    record Row(List<String> args, int exitCode, List<String> words) {
        static Row of(int exitCode, String words, String... args) {
            return new Row(List.of(args), exitCode, List.of(words.split("\\|")));
        }
    }

    static List<Row> rows() throws IOException {
        String m = mini.toString();
        Path corruptModel = Files.writeString(tmp.resolve("corrupt.json"), "{\"format\": \"mlp4j-model\", \"version\": 1, \"weights\": [NaN]");
        Path truncatedModel = Files.writeString(tmp.resolve("truncated.json"), Files.readString(model).substring(0, 300));
        Path otherShape = tmp.resolve("other-shape.json");
        Cli saved = Cli.run("train", "--example", "identity", "--epochs", "1", "--backend", "core", "--no-progress", "--save", otherShape.toString());
        assertEquals(0, saved.exitCode(), saved.toString());
        Path folder = Files.createDirectories(tmp.resolve("a-folder"));
        Path notCheckpoint = Files.createDirectories(tmp.resolve("not-a-checkpoint"));
        List<Row> rows = new ArrayList<>(List.of(
                // Training settings out of range: usage errors (2) that name the setting and a value to try.
                Row.of(2, "learning rate|-1|--lr", "train", "--example", "circle", "--lr", "-1"),
                Row.of(2, "learning rate|NaN|--lr", "train", "--example", "circle", "--lr", "NaN"),
                Row.of(2, "learning rate|Infinity", "train", "--example", "circle", "--lr", "Infinity"),
                Row.of(2, "--lr|abc", "train", "--example", "circle", "--lr", "abc"),
                Row.of(2, "mini-batch|0|--batch", "train", "--example", "circle", "--batch", "0"),
                Row.of(2, "mini-batch|-3", "train", "--example", "circle", "--batch", "-3"),
                Row.of(2, "epochs|0|--epochs", "train", "--example", "circle", "--epochs", "0"),
                Row.of(2, "--epochs|99999999999", "train", "--example", "circle", "--epochs", "99999999999"),
                Row.of(2, "layer 1|0 neurons", "train", "--example", "circle", "--layers", "784,0,10"),
                Row.of(2, "layer sizes|2,x,1", "train", "--example", "circle", "--layers", "2,x,1"),
                Row.of(2, "input layer|100|784", "train", "--data", m, "--layers", "100,10", "--backend", "core"),
                Row.of(2, "output layer|3|10", "train", "--data", m, "--layers", "784,30,3", "--backend", "core"),
                Row.of(2, "softmax|--hidden", "train", "--example", "circle", "--layers", "2,5,1", "--hidden", "softmax"),
                Row.of(2, "swish", "train", "--example", "circle", "--hidden", "swish"),
                Row.of(2, "cross-entropy|relu", "train", "--example", "circle", "--output", "relu", "--cost", "cross-entropy"),
                Row.of(2, "hinge", "train", "--example", "circle", "--cost", "hinge"),
                Row.of(2, "unknown option|--nosuch", "train", "--example", "circle", "--nosuch"),
                Row.of(2, "dropout|1.5", "train", "--example", "circle", "--dropout", "1.5"),
                Row.of(2, "dropout|-0.1", "train", "--example", "circle", "--dropout", "-0.1"),
                Row.of(2, "Dropout 0.5 acts on hidden layers|2,1 has none", "train", "--example", "circle", "--layers", "2,1", "--dropout", "0.5"),
                Row.of(2, "momentum|1.0|[0, 1)", "train", "--example", "circle", "--momentum", "1"),
                Row.of(2, "momentum|NaN", "train", "--example", "circle", "--momentum", "NaN"),
                Row.of(2, "L2|-1", "train", "--example", "circle", "--l2", "-1"),
                Row.of(2, "patience|-1", "train", "--example", "circle", "--patience", "-1"),
                Row.of(2, "initialisation|nosuch", "train", "--example", "circle", "--init", "nosuch"),
                Row.of(2, "--lr-schedule|bogus", "train", "--example", "circle", "--lr-schedule", "bogus"),
                Row.of(2, "--lr-schedule 'step:0:10'|factor|not 0", "train", "--example", "circle", "--lr-schedule", "step:0:10"),
                Row.of(2, "--lr-schedule 'step:2:1'|factor|not 2", "train", "--example", "circle", "--lr-schedule", "step:2:1"),
                Row.of(2, "--lr-schedule 'step:0.5:0'|period|not 0", "train", "--example", "circle", "--lr-schedule", "step:0.5:0"),
                Row.of(2, "example|nosuch", "train", "--example", "nosuch"),
                Row.of(2, "--epochs", "train", "--example", "circle", "--epochs"),
                Row.of(2, "--checkpoint|is a file", "train", "--example", "circle", "--checkpoint", model.toString()),
                // Files and folders that are missing or corrupt: failures (1) naming the file.
                Row.of(1, "no mnist data|/nonexistent|--data", "train", "--data", "/nonexistent"),
                Row.of(1, "no such model file|missing.json|train", "eval", "--model", tmp.resolve("missing.json").toString(), "--example", "circle"),
                Row.of(1, "corrupt.json|NaN|line 1", "eval", "--model", corruptModel.toString(), "--example", "circle"),
                Row.of(1, "truncated.json|line", "eval", "--model", truncatedModel.toString(), "--example", "circle"),
                Row.of(1, "a-folder is a folder, not a model file|give a model file", "eval", "--model", folder.toString(), "--example", "circle"),
                Row.of(2, "expects 2 inputs|a model trained on this data", "eval", "--model", otherShape.toString(), "--data", m, "--backend", "core"),
                Row.of(2, "--model", "eval", "--example", "circle"),
                Row.of(1, "train-images|magic number", "train", "--backend", "core", "--data",
                        miniWith("train-images-idx3-ubyte.gz", "wrong-magic-images").toString()),
                Row.of(1, "t10k-images|truncated", "train", "--backend", "core", "--data",
                        miniWith("t10k-images-idx3-ubyte.gz", "truncated-gzip.gz").toString()),
                Row.of(1, "train-labels|label 10|item 3", "train", "--backend", "core", "--data",
                        miniWith("train-labels-idx1-ubyte.gz", "label-out-of-range").toString()),
                Row.of(1, "t10k-labels|labels|images", "train", "--backend", "core", "--data",
                        miniWith("t10k-labels-idx1-ubyte.gz", "count-mismatch-labels").toString()),
                Row.of(1, "no checkpoint|not-a-checkpoint", "train", "--resume", notCheckpoint.toString()),
                Row.of(2, "is a folder|a-folder", "train", "--example", "circle", "--epochs", "1", "--backend", "core", "--save", folder.toString()),
                // gradcheck's own limits.
                Row.of(2, "--batch|0", "gradcheck", "--batch", "0"),
                Row.of(2, "layer 1|0 neurons", "gradcheck", "--layers", "4,0"),
                Row.of(2, "--epsilon", "gradcheck", "--epsilon", "-1"),
                // Unknown names.
                Row.of(2, "unknown backend|nosuch|core", "train", "--example", "circle", "--backend", "nosuch"),
                // A usage error comes before a search for data that would fail too.
                Row.of(2, "unknown backend|nosuch|core", "train", "--data", "/nonexistent", "--backend", "nosuch"),
                Row.of(2, "unknown command 'nosuchcommand'|use one of train, eval", "nosuchcommand")));
        return rows;
    }

    @Test
    void every_bad_invocation_exits_with_the_right_code_and_one_sentence_naming_the_problem() throws IOException {
        List<String> failures = new ArrayList<>();
        int runs = 0;
        for (Row row : rows()) {
            List<String> args = new ArrayList<>(row.args());
            if (args.get(0).equals("train")) {
                args.add("--no-progress");
            }
            for (boolean json : new boolean[] {false, true}) {
                List<String> a = new ArrayList<>(args);
                if (json) {
                    a.add("--json");
                }
                Cli r = Cli.run(a.toArray(String[]::new));
                runs++;
                String problem = r.failureProblem();
                if (problem == null && r.exitCode() != row.exitCode()) {
                    problem = "exit " + r.exitCode() + ", expected " + row.exitCode();
                }
                String lower = r.err().toLowerCase(Locale.ROOT);
                for (String w : row.words()) {
                    if (problem == null && !lower.contains(w.toLowerCase(Locale.ROOT))) {
                        problem = "message lacks '" + w + "'";
                    }
                }
                if (problem == null && json) {
                    JsonNode j = r.lastJson();
                    if (!j.get("error").asText().equals(r.errLines().get(0).substring("error: ".length()))) {
                        problem = "the JSON error differs from stderr";
                    }
                }
                if (problem != null) {
                    failures.add(problem + ": " + r);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + runs + " runs:\n" + String.join("\n\n", failures));
    }

    @Test
    void the_usage_error_of_a_bare_invalid_value_is_not_confused_by_other_valid_options() {
        // The offending option is named even when it comes last and others are valid.
        Cli r = Cli.run("train", "--example", "circle", "--epochs", "3", "--batch", "5", "--lr", "0.5", "--momentum", "1.5", "--no-progress");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Momentum must be in [0, 1), not 1.5"), r.err());
        assertTrue(Arrays.asList(r.err().split("\\R")).stream().filter(l -> !l.isBlank()).count() == 1, r.err());
    }
}
