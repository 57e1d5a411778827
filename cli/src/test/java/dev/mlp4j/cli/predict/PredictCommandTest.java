package dev.mlp4j.cli.predict;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlp4j.cli.CliRun;
import dev.mlp4j.cli.ExitCodes;
import dev.mlp4j.core.data.DataLocator;
import dev.mlp4j.core.data.IdxReader;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** predict on drawn pictures, IDX files and CSV rows. */
class PredictCommandTest {

    private static Path randomModel(Path dir, Activation output, Cost cost) throws IOException {
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, output, cost, 784, 16, 10);
        Path file = dir.resolve(output.id() + ".json");
        ModelFile.save(new Model(spec, WeightInit.NORMAL_SCALED.initialise(spec, new Random(5)), Map.of()), file);
        return file;
    }

    /** Draws with java.awt: "one" is a vertical bar, "zero" a ring, "seven" a bar and a slanted stroke. */
    private static Path drawn(Path dir, String digit, Color background, Color ink, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(background);
        g.fillRect(0, 0, width, height);
        g.setColor(ink);
        g.setStroke(new BasicStroke(Math.max(3, width / 12f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        int w = width;
        int h = height;
        switch (digit) {
            case "one" -> g.drawLine(w / 2, h / 6, w / 2, 5 * h / 6);
            case "zero" -> g.drawOval(w / 4, h / 6, w / 2, 2 * h / 3);
            case "seven" -> g.drawPolyline(new int[] {w / 4, 3 * w / 4, w / 2 - w / 10}, new int[] {h / 5, h / 5, 5 * h / 6}, 3);
            default -> throw new IllegalArgumentException(digit);
        }
        g.dispose();
        Path file = dir.resolve(digit + "-" + width + "x" + height + (background == Color.WHITE ? "-light" : "-dark") + ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void images_of_either_polarity_get_the_same_answer_and_probabilities_that_sum_to_one(@TempDir Path dir) throws Exception {
        Path model = randomModel(dir, Activation.SIGMOID, Cost.CROSS_ENTROPY);
        Path light = drawn(dir, "seven", Color.WHITE, Color.BLACK, 240, 320);
        Path dark = drawn(dir, "seven", Color.BLACK, Color.WHITE, 240, 320);
        CliRun r = CliRun.of("predict", "--model", model.toString(), light.toString(), dark.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("softmax of the output layer's weighted inputs (the output layer is sigmoid, not softmax"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith(light + ": ")), "one line per image: " + r.out());
        JsonNode json = r.json();
        assertEquals("predict", json.get("command").asText());
        JsonNode predictions = json.get("predictions");
        assertEquals(2, predictions.size());
        for (JsonNode p : predictions) {
            JsonNode probabilities = p.get("probabilities");
            assertEquals(10, probabilities.size());
            double sum = 0;
            int argmax = 0;
            for (int k = 0; k < 10; k++) {
                sum += probabilities.get(k).asDouble();
                argmax = probabilities.get(k).asDouble() > probabilities.get(argmax).asDouble() ? k : argmax;
            }
            assertEquals(1.0, sum, 1e-9);
            assertEquals(p.get("label").asInt(), argmax, "the label is the most probable class");
        }
        assertEquals(light.toString(), predictions.get(0).get("source").asText());
        assertEquals(predictions.get(0).get("label"), predictions.get(1).get("label"));
        for (int k = 0; k < 10; k++) {
            assertEquals(predictions.get(0).get("probabilities").get(k).asDouble(), predictions.get(1).get("probabilities").get(k).asDouble(), 1e-6);
        }
    }

    @Test
    void a_softmax_model_shows_its_own_outputs(@TempDir Path dir) throws Exception {
        Path model = randomModel(dir, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD);
        CliRun r = CliRun.of("predict", "--model", model.toString(), drawn(dir, "zero", Color.WHITE, Color.BLACK, 64, 64).toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("the softmax output layer's values", r.json().get("probabilitiesFrom").asText());
    }

    @Test
    void a_folder_given_as_an_image_is_named_as_a_folder(@TempDir Path dir) throws Exception {
        Path model = randomModel(dir, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD);
        Path folder = Files.createDirectory(dir.resolve("ck1"));
        CliRun r = CliRun.of("predict", "--model", model.toString(), folder.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("error: " + folder + " is a folder, not an image file; give the image files themselves (PNG or JPEG), e.g. "
                + folder.resolve("*.png") + ".", r.err().strip());
    }

    @Test
    void idx_images_with_their_labels_and_a_limit(@TempDir Path dir) throws Exception {
        Path data = Fixtures.miniMnist();
        Path model = randomModel(dir, Activation.SIGMOID, Cost.CROSS_ENTROPY);
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--idx", data.resolve("t10k-images-idx3-ubyte.gz").toString(),
                "--labels", data.resolve("t10k-labels-idx1-ubyte.gz").toString(), "--limit", "3", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode predictions = r.json().get("predictions");
        assertEquals(3, predictions.size());
        assertEquals("t10k-images-idx3-ubyte.gz#2", predictions.get(2).get("source").asText());
        int[] labels = IdxReader.readLabels(data.resolve("t10k-labels-idx1-ubyte.gz"), 10);
        assertEquals(labels[1], predictions.get(1).get("expected").asInt());
        assertTrue(r.out().contains("accuracy on the 3 labelled examples"), r.out());
    }

    @Test
    void csv_rows_in_bytes_or_fractions_with_or_without_labels_agree(@TempDir Path dir) throws Exception {
        Path data = Fixtures.miniMnist();
        Path model = randomModel(dir, Activation.SIGMOID, Cost.CROSS_ENTROPY);
        IdxReader.Images images = IdxReader.readImages(data.resolve("t10k-images-idx3-ubyte.gz"));
        StringBuilder bytes = new StringBuilder("label");
        for (int k = 0; k < 784; k++) {
            bytes.append(",pixel").append(k);
        }
        bytes.append('\n');
        StringBuilder fractions = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            bytes.append(i % 10);
            for (int k = 0; k < 784; k++) {
                int v = images.pixels()[i * 784 + k] & 0xFF;
                bytes.append(',').append(v);
                fractions.append(k == 0 ? "" : ",").append(v / 255.0);
            }
            bytes.append('\n');
            fractions.append('\n');
        }
        Path withLabels = Files.writeString(dir.resolve("bytes.csv"), bytes);
        Path plain = Files.writeString(dir.resolve("fractions.csv"), fractions);
        JsonNode a = CliRun.of("predict", "--model", model.toString(), "--csv", withLabels.toString(), "--json").json();
        JsonNode b = CliRun.of("predict", "--model", model.toString(), "--csv", plain.toString(), "--json").json();
        assertEquals(4, a.get("predictions").size());
        assertEquals("bytes.csv:2", a.get("predictions").get(0).get("source").asText(), "line numbers count the header");
        assertEquals(1, a.get("predictions").get(1).get("expected").asInt());
        assertTrue(a.has("accuracy"));
        for (int i = 0; i < 4; i++) {
            assertEquals(a.get("predictions").get(i).get("label"), b.get("predictions").get(i).get("label"));
            assertEquals(a.get("predictions").get(i).get("probabilities").get(3).asDouble(),
                    b.get("predictions").get(i).get("probabilities").get(3).asDouble(), 1e-6);
        }

        Path bad = Files.writeString(dir.resolve("bad.csv"), bytes.toString().replaceFirst("\n2,0,0,0,0,", "\n2,0,0,0,abc,"));
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--csv", bad.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("bad.csv:4: value 5 is 'abc', not a number."), r.err());
        Path shortRow = Files.writeString(dir.resolve("short.csv"), "1,2,3\n");
        assertTrue(CliRun.of("predict", "--model", model.toString(), "--csv", shortRow.toString()).err()
                .contains("short.csv:1: 3 values, but the model takes 784 (or a label then 784)."));
    }

    @Test
    void the_csv_scale_is_said_and_with_csv_scale_1_one_row_does_not_change_another(@TempDir Path dir) throws Exception {
        Path circle = dir.resolve("circle.json");
        NetworkSpec small = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 1);
        ModelFile.save(new Model(small, WeightInit.NORMAL.initialise(small, new Random(1)), Map.of()), circle);
        Path alone = Files.writeString(dir.resolve("alone.csv"), "0.5,0.5\n");
        Path pair = Files.writeString(dir.resolve("pair.csv"), "0.5,0.5\n2,3\n");

        CliRun auto = CliRun.of("predict", "--model", circle.toString(), "--csv", pair.toString(), "--json");
        assertEquals(0, auto.exitCode(), auto.err());
        assertTrue(auto.out().contains("csv: values read as 0..255, divided by 255 (--csv-scale auto"), auto.out());
        assertTrue(auto.out().contains("backend core on Java"), "predict names what ran: " + auto.out());
        assertEquals("auto", auto.json().get("csvScale").asText());
        assertEquals(255, auto.json().get("csvDividedBy").asInt());
        assertEquals("core", auto.json().get("backend").asText());

        JsonNode one = CliRun.of("predict", "--model", circle.toString(), "--csv", alone.toString(), "--csv-scale", "1", "--json").json();
        JsonNode two = CliRun.of("predict", "--model", circle.toString(), "--csv", pair.toString(), "--csv-scale", "1", "--json").json();
        assertEquals(1, two.get("csvDividedBy").asInt());
        assertEquals(one.get("predictions").get(0).get("probabilities").get(1).asDouble(),
                two.get("predictions").get(0).get("probabilities").get(1).asDouble(), 0, "row 1 does not depend on row 2");

        JsonNode bytes = CliRun.of("predict", "--model", circle.toString(), "--csv", alone.toString(), "--csv-scale", "255", "--json").json();
        assertEquals(255, bytes.get("csvDividedBy").asInt());
        CliRun bad = CliRun.of("predict", "--model", circle.toString(), "--csv", alone.toString(), "--csv-scale", "100");
        assertEquals(ExitCodes.USAGE, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("--csv-scale is auto, 255 or 1"), bad.err());
    }

    @Test
    void wrong_requests_are_one_sentence_usage_errors(@TempDir Path dir) throws Exception {
        Path model = randomModel(dir, Activation.SIGMOID, Cost.CROSS_ENTROPY);
        CliRun nothing = CliRun.of("predict", "--model", model.toString());
        assertEquals(2, nothing.exitCode());
        assertTrue(nothing.err().contains("Nothing to classify"), nothing.err());

        Path circle = dir.resolve("circle.json");
        NetworkSpec small = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 1);
        ModelFile.save(new Model(small, WeightInit.NORMAL.initialise(small, new Random(1)), Map.of()), circle);
        CliRun notImages = CliRun.of("predict", "--model", circle.toString(), drawn(dir, "one", Color.WHITE, Color.BLACK, 40, 40).toString());
        assertEquals(2, notImages.exitCode());
        assertTrue(notImages.err().contains("not a square picture"), notImages.err());

        Path notAnImage = Files.writeString(dir.resolve("note.png"), "hello");
        CliRun unreadable = CliRun.of("predict", "--model", model.toString(), notAnImage.toString());
        assertEquals(1, unreadable.exitCode());
        assertTrue(unreadable.err().contains("not an image this Java runtime can read"), unreadable.err());
    }

    @Test
    void a_network_trained_on_mnist_reads_drawn_digits(@TempDir Path dir) throws Exception {
        Path mnist = DataLocator.find(null, DataLocator.Dataset.MNIST);
        Assumptions.assumeTrue(mnist != null, "MNIST not found; see README 'Getting MNIST'");
        Path model = dir.resolve("mnist.json");
        CliRun train = CliRun.of("train", "--data", mnist.toString(), "--layers", "784,30,10", "--epochs", "2", "--backend", "core",
                "--save", model.toString(), "--no-progress");
        assertEquals(0, train.exitCode(), train.err());
        Path one = drawn(dir, "one", Color.WHITE, Color.BLACK, 200, 300);
        Path zero = drawn(dir, "zero", new Color(30, 30, 30), new Color(240, 240, 240), 500, 500);
        Path seven = drawn(dir, "seven", Color.WHITE, new Color(20, 20, 120), 90, 120);
        JsonNode predictions = CliRun.of("predict", "--model", model.toString(), one.toString(), zero.toString(), seven.toString(), "--json")
                .json().get("predictions");
        assertEquals(1, predictions.get(0).get("label").asInt(), predictions.toString());
        assertEquals(0, predictions.get(1).get("label").asInt(), predictions.toString());
        assertEquals(7, predictions.get(2).get("label").asInt(), predictions.toString());
    }
}
