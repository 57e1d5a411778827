package dev.mlp4j.cli.options;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlp4j.cli.CliRun;
import dev.mlp4j.core.data.DataFolder;
import dev.mlp4j.core.data.DataLocator;
import dev.mlp4j.core.data.MnistFiles;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run names the data set it read, by the files' content: one set's files are never read under the other's name. */
class DatasetRecognitionTest {

    /** The folder holding {@code dataset}'s published files; the test is skipped without them. */
    private static Path published(DataLocator.Dataset dataset) {
        DataFolder folder = DataLocator.locate(null, dataset);
        Assumptions.assumeTrue(folder != null && folder.dataset() == dataset,
                dataset.id() + "'s published files not found (see README 'Getting MNIST'); skipping");
        return folder.dir();
    }

    /** A model that fits MNIST-shaped data, trained for one epoch on the 120-image fixture. */
    private static Path model(Path dir) {
        Path model = dir.resolve("model.json");
        CliRun r = CliRun.of("train", "--data", Fixtures.miniMnist().toString(), "--layers", "784,10,10", "--epochs", "1",
                "--backend", "core", "--no-progress", "--save", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        return model;
    }

    @Test
    void mnist_given_as_fashion_mnist_is_refused_by_every_command_that_reads_it(@TempDir Path dir) throws IOException {
        Path mnist = published(DataLocator.Dataset.MNIST);
        Path data = Files.createDirectory(dir.resolve("data"));
        for (String name : MnistFiles.NAMES) {
            Path file = MnistFiles.find(mnist, name);
            Files.createSymbolicLink(data.resolve(file.getFileName()), file);
        }
        String model = model(dir).toString();
        String sentence = data + " holds the mnist files (";
        String fix = "), not fashion-mnist's; give --dataset mnist to use them, or point --data at a folder with the fashion-mnist files";
        String[][] commands = {
                {"train", "--dataset", "fashion-mnist", "--data", data.toString(), "--epochs", "1", "--no-progress", "--json"},
                {"eval", "--model", model, "--dataset", "fashion-mnist", "--data", data.toString(), "--no-progress", "--json"},
                {"diagnose", "--layers", "784,10,10", "--dataset", "fashion-mnist", "--data", data.toString(), "--json"}};
        for (String[] command : commands) {
            CliRun r = CliRun.of(command);
            assertEquals(1, r.exitCode(), String.join(" ", command) + ": " + r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one sentence: " + r.err());
            assertTrue(r.err().contains(sentence) && r.err().contains(fix), r.err());
            assertFalse(r.out().contains("epoch 1/"), "refused before training: " + r.out());
            assertTrue(r.json().get("error").asText().startsWith(sentence), r.out());
        }
    }

    @Test
    void unknown_files_are_called_so_and_still_train(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report");
        Path model = dir.resolve("model.json");
        Path mini = Fixtures.miniMnist();
        CliRun r = CliRun.of("train", "--data", mini.toString(), "--layers", "784,10,10", "--epochs", "1",
                "--backend", "core", "--no-progress", "--json", "--report", report.toString(), "--save", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("data: unknown files from " + mini.toAbsolutePath().normalize()
                + " (120 train, 0 validation, 30 test; not the published mnist files)"), r.out());
        assertEquals("unknown", r.json().get("dataset").asText());
        assertEquals(1, r.json().get("epochs").asInt(), "it trained");
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("train: unknown files,"), "the report's title names what was read");
        assertFalse(html.contains("train: mnist"), "the report does not call the files mnist");
        assertEquals("unknown", ModelFile.load(model).training().get("data"), "nor does the saved model");
    }

    @Test
    void the_json_names_the_data_set_read(@TempDir Path dir) {
        Path mnist = published(DataLocator.Dataset.MNIST);
        CliRun train = CliRun.of("train", "--data", mnist.toString(), "--layers", "784,10,10", "--epochs", "1", "--batch", "100",
                "--backend", "core", "--no-progress", "--json");
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("data: mnist from " + mnist + " (50000 train"), train.out());
        assertEquals("mnist", train.json().get("dataset").asText());

        Path fashion = published(DataLocator.Dataset.FASHION_MNIST);
        CliRun eval = CliRun.of("eval", "--model", model(dir).toString(), "--dataset", "fashion-mnist", "--data", fashion.toString(),
                "--backend", "core", "--no-progress", "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        JsonNode json = eval.json();
        assertEquals("fashion-mnist", json.get("dataset").asText());
    }
}
