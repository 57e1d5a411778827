package dev.mlp4j.cli.report;

import dev.mlp4j.core.io.AtomicFiles;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a report folder: pictures, CSV files, and index.html showing them. Every file is replaced atomically and
 * index.html comes last, so a browser open on the report always sees a complete set, either the previous epoch's
 * or this one's.
 */
public final class ReportWriter {
    public static final String INDEX = "index.html";
    public static final String CURVES = "curves.png";
    public static final String CONFUSION = "confusion.png";
    public static final String CONFUSION_CSV = "confusion.csv";
    public static final String WEIGHTS = "weights.png";
    public static final String NETWORK = "network.png";
    public static final String WRONG = "wrong.png";
    public static final String METRICS = "metrics.csv";

    /**
     * Every file a report may hold; those not written this time are removed so none is left from an earlier state.
     * What train checks, before it trains, that nothing else stands under or writes to.
     */
    public static final List<String> ALL = List.of(INDEX, CURVES, CONFUSION, CONFUSION_CSV, WEIGHTS, NETWORK, WRONG, METRICS);

    private ReportWriter() {
    }

    private static void removeStale(Path dir, List<String> written) throws IOException {
        for (String name : ALL) {
            if (!written.contains(name)) {
                Files.deleteIfExists(dir.resolve(name));
            }
        }
    }

    /** Writes the report into {@code dir} and returns the names of the files written, index.html last. */
    public static List<String> write(Path dir, ReportInput in) throws IOException {
        Headless.ensure();
        List<IndexPage.Entry> entries = new ArrayList<>();
        List<String> written = new ArrayList<>();
        int side = ImageSide.of(in.parameters().spec().inputSize());

        if (!in.history().isEmpty()) {
            PngFiles.write(dir.resolve(CURVES), CurvesChart.charts(in));
            written.add(CURVES);
            entries.add(new IndexPage.Entry("Training curves", CURVES,
                    "Cost (left) and accuracy (right) per epoch. The training cost is the mean over the epoch as it was trained (each example before its step); training accuracy is measured on the whole training set after the epoch.", null));
        }
        int[][] confusion = in.test().evaluation().confusion();
        if (confusion != null) {
            PngFiles.write(dir.resolve(CONFUSION), ConfusionPicture.draw(confusion));
            AtomicFiles.writeString(dir.resolve(CONFUSION_CSV), ConfusionCsv.text(confusion));
            written.add(CONFUSION);
            written.add(CONFUSION_CSV);
            entries.add(new IndexPage.Entry("Confusion matrix", CONFUSION,
                    "True label down, predicted class across. Blue: the share of a label classified correctly; red: mistakes, by the square root of their share (so small ones show). As CSV:", CONFUSION_CSV));
        }
        if (side > 0) {
            PngFiles.write(dir.resolve(WEIGHTS), WeightGridPicture.draw(in.parameters(), side));
            written.add(WEIGHTS);
            int shown = Math.min(WeightGridPicture.MAX_TILES, in.parameters().spec().size(1));
            entries.add(new IndexPage.Entry("First layer's weights", WEIGHTS, "The input weights of " + shown
                    + " neurons of the first hidden layer as " + side + "\u00d7" + side
                    + " images: red where a bright pixel excites the neuron, blue where it inhibits it; each tile scaled to its largest weight.", null));
        }
        if (NetworkPicture.fits(in.parameters().spec())) {
            PngFiles.write(dir.resolve(NETWORK), NetworkPicture.draw(in.parameters()));
            written.add(NETWORK);
            entries.add(new IndexPage.Entry("The network", NETWORK, "Weights as lines, wider and stronger with their magnitude;"
                    + " red positive, blue negative. A neuron's fill shows its bias the same way.", null));
        }
        if (side > 0 && confusion != null) {
            BufferedImage wrong = WrongExamplesPicture.draw(in.test(), side);
            if (wrong != null) {
                PngFiles.write(dir.resolve(WRONG), wrong);
                written.add(WRONG);
                entries.add(new IndexPage.Entry("Most confidently wrong test images", WRONG,
                        "True label \u2192 prediction, then the output of the predicted class and the image's index in the test set.", null));
            }
        }
        AtomicFiles.writeString(dir.resolve(METRICS), MetricsCsv.text(in));
        written.add(METRICS);
        entries.add(new IndexPage.Entry("Metrics", METRICS, in.history().isEmpty()
                ? "The test set's figures as CSV:" : "Every epoch's figures as CSV:", METRICS));
        AtomicFiles.writeString(dir.resolve(INDEX), IndexPage.html(in, entries));
        written.add(INDEX);
        removeStale(dir, written);
        return written;
    }
}
