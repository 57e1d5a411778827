package dev.mlp4j.cli.report;

import dev.mlp4j.cli.progress.Progress;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.core.train.EpochResult;
import dev.mlp4j.core.train.Evaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a report holds depends on the data: no confusion matrix for regression, a network picture only for small nets. */
class ReportWriterTest {

    @Test
    void a_regression_run_gets_curves_of_mean_squared_error_a_network_picture_and_no_confusion_matrix(@TempDir Path dir) throws IOException {
        NetworkSpec spec = NetworkSpec.of(Activation.TANH, Activation.LINEAR, Cost.QUADRATIC, 2, 6, 2);
        Parameters p = WeightInit.NORMAL_SCALED.initialise(spec, new Random(2));
        DataSet test = Examples.identity(1, 10, 100).test();
        ScoredSet scored;
        try (ReferenceBackend b = new ReferenceBackend(spec)) {
            b.setParameters(p);
            scored = ScoredSet.score(b, test, Progress.none());
        }
        Evaluation e = scored.evaluation();
        List<EpochResult> history = List.of(new EpochResult(1, 0.1, 0.5, null, e, 0.1, 1000),
                new EpochResult(2, 0.1, 0.25, null, e, 0.1, 1000));
        List<String> written = ReportWriter.write(dir, new ReportInput("identity <run>", Map.of("data", "identity & co"), p, history,
                List.of(Double.NaN, Double.NaN), scored, "after epoch 2 of 5", true));

        assertEquals(List.of(ReportWriter.CURVES, ReportWriter.NETWORK, ReportWriter.METRICS, ReportWriter.INDEX), written);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(written.size(), files.count(), "no temporary files left");
        }
        BufferedImage network = ImageIO.read(dir.resolve(ReportWriter.NETWORK).toFile());
        assertNotNull(network);
        BufferedImage curves = ImageIO.read(dir.resolve(ReportWriter.CURVES).toFile());
        assertEquals(2 * CurvesChart.WIDTH, curves.getWidth(), "cost and mean squared error side by side");
        String html = Files.readString(dir.resolve(ReportWriter.INDEX));
        assertTrue(html.contains("http-equiv=\"refresh\""), "reloads while training runs");
        assertTrue(html.contains("identity &lt;run&gt;") && html.contains("identity &amp; co"), "text is escaped");
        assertTrue(html.contains("test mean squared error"));
        assertFalse(html.contains(ReportWriter.CONFUSION));
        List<String> metrics = Files.readAllLines(dir.resolve(ReportWriter.METRICS));
        assertEquals(MetricsCsv.EPOCH_HEADER, metrics.get(0));
        assertTrue(metrics.get(1).startsWith("1,0.1,0.5,,,,,"), "no accuracy for regression: " + metrics.get(1));
    }

    @Test
    void the_network_picture_is_left_out_beyond_64_neurons_a_layer_and_images_need_a_square_input() {
        assertTrue(NetworkPicture.fits(NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, 64, 30, 10)));
        assertFalse(NetworkPicture.fits(NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, 784, 30, 10)));
        assertEquals(28, ImageSide.of(784));
        assertEquals(0, ImageSide.of(785));
        assertEquals(0, ImageSide.of(4), "too small to be a picture");
    }

    @Test
    void the_weight_grid_has_one_tile_per_first_layer_neuron() {
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, 784, 10, 10);
        Parameters p = WeightInit.NORMAL_SCALED.initialise(spec, new Random(1));
        // Neuron 0's weight from pixel (row 0, column 27) is the largest and positive: a fully red pixel.
        p.weights(0)[27] = 100;
        BufferedImage grid = WeightGridPicture.draw(p, 28);
        // 10 tiles: 4 columns, 3 rows, 28 px at 4x, 4 px gaps.
        assertEquals(4 * (112 + 4) + 4, grid.getWidth());
        assertEquals(3 * (112 + 4) + 4, grid.getHeight());
        assertEquals(Palette.POSITIVE.getRGB(), grid.getRGB(4 + 27 * 4, 4));
    }
}
