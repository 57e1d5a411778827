package dev.mlp4j.core;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.Backends;
import dev.mlp4j.core.backend.StepWork;
import dev.mlp4j.core.check.GradientCheck;
import dev.mlp4j.core.check.GradientCheckReport;
import dev.mlp4j.core.check.RandomBatch;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.train.EpochResult;
import dev.mlp4j.core.train.Evaluation;
import dev.mlp4j.core.train.Evaluator;
import dev.mlp4j.core.train.Trainer;
import dev.mlp4j.core.train.TrainingConfig;
import dev.mlp4j.core.train.TrainingData;
import dev.mlp4j.core.train.TrainingListener;
import dev.mlp4j.core.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java example in README.md, run as written: the lines between the markers below must appear in the README's
 * example verbatim (after the indentation), so the README cannot show code that no longer compiles or works.
 */
class ReadmeExampleTest {
    private static final String BEGIN = "// README example: begin";
    private static final String END = "// README example: end";

    @Test
    void the_readme_example_trains_the_circle_checks_its_gradient_and_saves_a_model_that_loads(@TempDir Path dir)
            throws IOException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            runExample(dir);
        } finally {
            System.setOut(stdout);
        }
        List<String> printed = captured.toString(StandardCharsets.UTF_8).lines().toList();
        stdout.println(String.join("\n", printed));

        assertTrue(printed.get(0).startsWith("gradient check passed, max relative error "), printed.get(0));
        double maxRelativeError = Double.parseDouble(printed.get(0).substring(printed.get(0).lastIndexOf(' ') + 1));
        assertTrue(maxRelativeError < 1e-5, "far below the 1e-3 bar with central differences: " + maxRelativeError);
        assertTrue(printed.get(1).startsWith("backend "), "auto says which backend it took: " + printed.get(1));
        assertEquals(List.of("epoch 100", "epoch 200", "epoch 300"), printed.stream().filter(l -> l.startsWith("epoch "))
                .map(l -> l.substring(0, l.indexOf(':'))).toList(), "the listener saw every epoch");
        assertTrue(printed.get(printed.size() - 1).startsWith("Trained 300 epochs. Test accuracy: "), printed.get(printed.size() - 1));

        Model loaded = ModelFile.load(dir.resolve("circle.json"));
        assertEquals(NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 5, 1), loaded.spec());
        Examples.TrainTest circle = Examples.circle(1, 700, 300);
        try (Backend backend = Backends.select(Backends.AUTO, loaded.spec(), BackendOptions.DEFAULT).backend()) {
            backend.setParameters(loaded.parameters());
            double accuracy = Evaluator.evaluate(backend, circle.test()).accuracy();
            assertTrue(accuracy >= 0.95, "the saved circle model classifies its test set: " + accuracy);
        }
    }

    private static void runExample(Path dir) throws IOException {
        // README example: begin
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 5, 1);
        TrainingConfig config = TrainingConfig.builder()
                .setEpochs(300).setBatchSize(10).setLearningRate(3.0)
                .optSeed(1).build();
        Parameters initial = config.init().initialise(spec, new Random(config.seed()));

        // Backprop against central differences, on a random batch of 8.
        GradientCheckReport check = new GradientCheck()
                .check(initial, RandomBatch.of(spec, 8, new Random(2)), StepSettings.NONE);
        System.out.println("gradient check " + (check.passed() ? "passed" : "FAILED")
                + ", max relative error " + check.maxRelativeError());

        Examples.TrainTest circle = Examples.circle(1, 700, 300);
        Trainer trainer = new Trainer(config).addListener(new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult r) {
                if (r.epoch() % 100 == 0) {
                    System.out.printf("epoch %d: test accuracy %.2f%%%n", r.epoch(), 100 * r.test().accuracy());
                }
            }
        });
        // "auto": the best backend on the class path for a step of this network and batch, and why.
        Backends.Selection selection = Backends.select(Backends.AUTO, spec, BackendOptions.DEFAULT,
                StepWork.training(spec, config.batchSize()));
        System.out.println(selection.explanation());
        try (Backend backend = selection.backend()) {
            TrainingResult result = trainer.train(backend, initial, new TrainingData(circle.train(), null, circle.test()));
            backend.setParameters(result.parameters());
            Evaluation test = Evaluator.evaluate(backend, circle.test());
            System.out.println(result.message() + " Test accuracy: " + test.accuracy());
            ModelFile.save(new Model(spec, result.parameters(), Map.of("epochs", 300)), dir.resolve("circle.json"));
        }
        // README example: end
    }

    @Test
    void the_readme_shows_the_example_as_this_test_runs_it() throws IOException {
        String source = Files.readString(Paths.get("src/test/java/dev/mlp4j/core/ReadmeExampleTest.java"));
        String region = source.substring(source.indexOf(BEGIN + "\n") + BEGIN.length() + 1, source.lastIndexOf(END));
        String readme = Files.readString(Paths.get("../README.md"));
        List<String> readmeLines = readme.lines().map(String::strip).toList();
        List<String> exampleLines = region.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        int at = 0;
        for (String line : exampleLines) {
            // The README names its own output file; everything else is the test's code, line for line.
            String expected = line.contains("dir.resolve(\"circle.json\")")
                    ? line.replace("dir.resolve(\"circle.json\")", "Path.of(\"circle.json\")") : line;
            int found = readmeLines.subList(at, readmeLines.size()).indexOf(expected);
            assertTrue(found >= 0, "README.md's Java example lacks, or has out of order: " + expected);
            at += found + 1;
        }
    }
}
