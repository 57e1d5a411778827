package dev.mlp4j.cli.reliability;

import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated command lines (seeded java.util.Random: a grammar of the commands' options, each given a valid, an
 * out-of-range or a malformed value, plus junk tokens) run in-process. Every run must end with exit 0, or with
 * exit 1 or 2 and one "error: " sentence on stderr (no stack trace, no exception class), and under --json a JSON
 * error object as the last stdout line; never an exception out of Main.run or a hang. Runs stay cheap: training
 * is always on a generated example or mini-MNIST, for at most 3 epochs.
 */
class CliArgumentFuzzTest {
    static final int CASES = 1200 * Integer.getInteger("mlp4j.fuzz.scale", 1);
    static final long SEED = Long.getLong("mlp4j.fuzz.seed", 20240601L);

    @TempDir
    static Path tmp;
    static Path mini;
    static Path corruptMini;
    static Path model;
    static Path mnistModel;

    @BeforeAll
    static void files() throws IOException {
        mini = Fixtures.directory("idx/mini-mnist", Fixtures.MNIST_FILE_NAMES.toArray(String[]::new));
        corruptMini = Fixtures.directory("idx/mini-mnist", Fixtures.MNIST_FILE_NAMES.toArray(String[]::new));
        try (InputStream in = Fixtures.open("idx/corrupt/truncated-gzip.gz")) {
            Files.copy(in, corruptMini.resolve("train-images-idx3-ubyte.gz"), StandardCopyOption.REPLACE_EXISTING);
        }
        model = tmp.resolve("circle.json");
        assertEquals(0, Cli.run("train", "--example", "circle", "--epochs", "1", "--backend", "core", "--no-progress",
                "--save", model.toString()).exitCode());
        mnistModel = tmp.resolve("mnist.json");
        assertEquals(0, Cli.run("train", "--data", mini.toString(), "--layers", "784,8,10", "--epochs", "1", "--backend", "core",
                "--no-progress", "--save", mnistModel.toString()).exitCode());
    }

    private static final String[] JUNK = {"", " ", "-", "--", "---", "--=", "-x", "--lr=", "--epochs=1=2", "\u0000", "é", "💥",
            "NaN", "-1", "1e309", "0x10", "%s", "${HOME}", "../../etc/passwd", "x".repeat(5000), "--json", "--help", "-h", "--version"};

    private static String pick(Random r, String... values) {
        return values[r.nextInt(values.length)];
    }

    /** A value for {@code option}: mostly plausible, sometimes out of range, sometimes not a value at all. */
    private static String value(Random r, String option, String data) {
        int kind = r.nextInt(10);
        if (kind == 0) {
            return JUNK[r.nextInt(JUNK.length)];
        }
        boolean bad = kind <= 3;
        switch (option) {
            case "--epochs":
                return bad ? pick(r, "0", "-1", "99999999999", "1.5", "two") : pick(r, "1", "2", "3");
            case "--batch":
                if (data.equals("gradcheck")) {
                    // Finite differences cost two forward passes per parameter over the whole batch: keep it small.
                    return bad ? pick(r, "0", "-5", "ten") : pick(r, "1", "4", "16");
                }
                return bad ? pick(r, "0", "-5", "2147483648", "ten") : pick(r, "1", "7", "10", "64", "1000000");
            case "--lr":
                return bad ? pick(r, "0", "-1", "NaN", "Infinity", "-Infinity", "1e400", "abc") : pick(r, "0.01", "0.5", "3", "1e6");
            case "--momentum":
                return bad ? pick(r, "1", "-0.1", "NaN", "2") : pick(r, "0", "0.5", "0.9");
            case "--l2":
                return bad ? pick(r, "-1", "NaN", "Infinity") : pick(r, "0", "0.1", "5");
            case "--dropout":
                return bad ? pick(r, "1", "1.5", "-0.2", "NaN") : pick(r, "0", "0.2", "0.5");
            case "--patience":
                return bad ? pick(r, "-1", "x") : pick(r, "0", "1", "2");
            case "--seed":
                return bad ? pick(r, "abc", "9223372036854775808") : pick(r, "1", "3", "-7", "9223372036854775807");
            case "--init":
                return bad ? pick(r, "nosuch", "") : pick(r, "uniform", "normal", "normal-scaled", "xavier", "he", "HE");
            case "--lr-schedule":
                return bad ? pick(r, "step", "step:0:10", "step:0.5:0", "step:x:y", "inverse:-1", "inverse:NaN", "bogus")
                        : pick(r, "constant", "step:0.5:1", "inverse:0.1");
            case "--hidden":
                return bad ? pick(r, "softmax", "swish", "") : pick(r, "sigmoid", "tanh", "relu", "linear");
            case "--output":
                return bad ? pick(r, "swish", "") : pick(r, "sigmoid", "tanh", "relu", "linear", "softmax");
            case "--cost":
                return bad ? pick(r, "hinge", "") : pick(r, "quadratic", "cross-entropy", "log-likelihood");
            case "--layers":
                if (bad) {
                    return pick(r, "0", "2", "2,0,1", "784,0,10", "2,-3,1", "2,,1", "a,b", "2,1048577,1", "2,70000,70000,1", "100,10", "");
                }
                return switch (data) {
                    case "circle" -> pick(r, "2,5,1", "2,5,5,1", "2,16,1");
                    case "identity" -> pick(r, "2,6,2", "2,4,4,2");
                    default -> pick(r, "784,8,10", "784,10", "784,4,4,10");
                };
            case "--backend":
                return bad ? pick(r, "nosuch", "", "CORE") : "core";
            case "--device":
                return bad ? pick(r, "-5", "x") : pick(r, "-1", "0");
            case "--dataset":
                return bad ? pick(r, "nosuch", "") : pick(r, "mnist", "fashion-mnist");
            case "--example":
                return bad ? pick(r, "nosuch", "") : pick(r, "circle", "identity");
            case "--data":
                return bad ? pick(r, "/nonexistent", tmp.toString(), model.toString(), corruptMini.toString()) : mini.toString();
            case "--model":
                return bad ? pick(r, tmp.resolve("missing.json").toString(), tmp.toString(), mini.resolve("train-images-idx3-ubyte.gz").toString())
                        : data.equals("mnist") ? mnistModel.toString() : model.toString();
            case "--save":
                return bad ? pick(r, tmp.toString(), model.resolve("under-a-file.json").toString())
                        : tmp.resolve("saved-" + r.nextInt(1000) + ".json").toString();
            case "--checkpoint":
                return bad ? pick(r, model.toString()) : tmp.resolve("ckpt-" + r.nextInt(1_000_000)).toString();
            case "--resume":
                return pick(r, tmp.resolve("nothing-here").toString(), mini.toString());
            case "--epsilon":
            case "--max-relative-error":
            case "--min-absolute-error":
                return bad ? pick(r, "0", "-1", "NaN", "x") : pick(r, "1e-6", "1e-3", "1e-8");
            default:
                return "1";
        }
    }

    private static final String[] TRAIN_OPTIONS = {"--batch", "--lr", "--momentum", "--l2", "--dropout", "--patience", "--seed", "--init",
            "--lr-schedule", "--hidden", "--output", "--cost", "--layers", "--backend", "--dataset", "--save", "--checkpoint", "--resume"};
    private static final String[] EVAL_OPTIONS = {"--seed", "--backend", "--device", "--dataset"};
    private static final String[] GRADCHECK_OPTIONS = {"--layers", "--hidden", "--output", "--cost", "--batch", "--seed", "--l2",
            "--epsilon", "--max-relative-error", "--min-absolute-error"};

    /** One generated command line. */
    static List<String> invocation(Random r) {
        List<String> a = new ArrayList<>();
        String command = pick(r, "train", "train", "train", "eval", "gradcheck");
        a.add(command);
        String data = pick(r, "circle", "identity", "mnist");
        String[] options;
        if (command.equals("gradcheck")) {
            options = GRADCHECK_OPTIONS;
            data = "gradcheck";
        } else {
            // Always a cheap data set: a generated example or a mini-MNIST folder (good or bad), never the real MNIST.
            if (data.equals("mnist")) {
                a.add("--data");
                a.add(value(r, "--data", data));
            } else {
                a.add("--example");
                a.add(r.nextInt(10) == 0 ? value(r, "--example", data) : data);
            }
            options = command.equals("train") ? TRAIN_OPTIONS : EVAL_OPTIONS;
            if (command.equals("train")) {
                a.add("--epochs");
                a.add(value(r, "--epochs", data));
                a.add("--no-progress");
            } else {
                a.add("--model");
                a.add(value(r, "--model", data));
            }
        }
        int count = r.nextInt(5);
        for (int i = 0; i < count; i++) {
            String option = options[r.nextInt(options.length)];
            if (option.equals("--layers") && command.equals("gradcheck")) {
                a.add(option);
                a.add(pick(r, "3,4,2", "2,2", "4,0", "1,1", "3,3,3,3", "x", "2,1048577"));
                continue;
            }
            a.add(option);
            if (r.nextInt(30) != 0) {
                a.add(value(r, option, data));
            }
        }
        if (!a.contains("--backend") && r.nextInt(5) != 0) {
            a.add("--backend");
            a.add("core");
        } else if (!a.contains("--backend")) {
            // Never "auto": it may pick a real device, which is for the gpu module's tests.
            a.add("--backend=core");
        }
        if (r.nextInt(8) == 0) {
            a.add(r.nextInt(a.size() + 1), JUNK[r.nextInt(JUNK.length)]);
        }
        if (r.nextBoolean()) {
            a.add("--json");
        }
        return a;
    }

    /**
     * Exit 1 for a result that is a failure rather than an error: a run that diverged (its sentence on stdout and
     * possibly as the error line; under --json the result object with "stop": "diverged"), or a gradient check that
     * did not pass (its table on stdout, perhaps a one-line summary on stderr; under --json "passed": false).
     */
    static boolean isReportedResult(Cli r) {
        if (r.exitCode() != 1 || r.escaped() != null || r.errLines().size() > 1 || r.err().contains("\tat ")) {
            return false;
        }
        boolean json = List.of(r.args()).contains("--json");
        if (r.args()[0].equals("train") && (r.out() + r.err()).contains("Training diverged in epoch ")) {
            return !json || (r.lastJson() != null && r.lastJson().path("stop").asText().equals("diverged"));
        }
        if (r.args()[0].equals("gradcheck") && r.out().contains("gradient check FAILED")) {
            return !json || (r.lastJson() != null && !r.lastJson().path("passed").asBoolean(true));
        }
        return false;
    }

    /**
     * Known and reported (see docs/reliability.md): picocli's own message for a path option whose value has a NUL
     * character names the JDK exception. It is a one-line usage error with exit 2 otherwise.
     */
    static boolean isKnownPathConversionMessage(Cli r) {
        return r.exitCode() == 2 && r.errLines().size() == 1 && r.err().contains("to interface java.nio.file.Path (java.nio.file.InvalidPathException");
    }

    @Test
    void generated_command_lines_end_in_success_or_one_clean_error_sentence() {
        Random random = new Random(SEED);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger usage = new AtomicInteger();
        AtomicInteger failure = new AtomicInteger();
        AtomicInteger results = new AtomicInteger();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            List<String> args = invocation(random);
            if (args.contains("--help") || args.contains("-h") || args.contains("--version")) {
                // Help and version print and exit 0; covered, but not worth their output here.
                args.removeIf(s -> s.equals("--help") || s.equals("-h") || s.equals("--version"));
            }
            Cli r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.run(args.toArray(String[]::new)),
                    () -> "no answer within 30 s: mlp4j " + String.join(" ", args));
            if (r.exitCode() == 0) {
                ok.incrementAndGet();
                if (r.escaped() != null || !r.strayOut().isEmpty() || !r.strayErr().isBlank()) {
                    problems.add("case " + i + ": exit 0 but " + (r.escaped() != null ? r.escaped() : "stray output " + r.strayOut() + r.strayErr())
                            + ": " + r);
                }
                continue;
            }
            if (isReportedResult(r)) {
                // Not an error but a result that is a failure: a run that diverged, a gradient check that did not pass.
                // Both are reported on stdout (and in the JSON) rather than on stderr; see docs/reliability.md.
                results.incrementAndGet();
                continue;
            }
            (r.exitCode() == 2 ? usage : failure).incrementAndGet();
            String problem = r.failureProblem();
            if (problem != null && !isKnownPathConversionMessage(r)) {
                problems.add("case " + i + ": " + problem + ": " + r);
            }
        }
        System.out.println("[reliability] CLI argument fuzz: " + CASES + " command lines, " + ok + " ran, " + usage
                + " usage errors (exit 2), " + failure + " failures (exit 1), " + results + " failed results (diverged, gradient check failed; exit 1)");
        assertTrue(problems.isEmpty(), problems.size() + " problems, first ones:\n"
                + String.join("\n\n", problems.subList(0, Math.min(8, problems.size()))));
        assertTrue(ok.get() > CASES / 20 && usage.get() > CASES / 5 && failure.get() > CASES / 50,
                "the generator should reach all three outcomes: " + ok + " / " + usage + " / " + failure);
    }
}
