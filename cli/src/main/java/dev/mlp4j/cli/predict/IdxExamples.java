package dev.mlp4j.cli.predict;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.IdxReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Examples from an IDX image file (MNIST's own format, raw or gzipped), optionally with its labels file. */
public final class IdxExamples {
    private IdxExamples() {
    }

    /**
     * @param labelsFile the matching IDX labels file, or null
     * @param limit      at most this many images (0 or less: all)
     */
    public static List<LabelledInput> read(Path imagesFile, Path labelsFile, int inputSize, int classes, int limit) {
        IdxReader.Images images = IdxReader.readImages(imagesFile);
        if (images.count() == 0) {
            // A valid file, but a run that predicts nothing and says nothing reads as success.
            throw new InvalidInputException(imagesFile + " holds 0 images (its header says so), so there is nothing to predict; "
                    + "give an IDX image file that holds some.");
        }
        if (images.pixelsPerImage() != inputSize) {
            throw new InvalidInputException(imagesFile + ": its images are " + images.rows() + "x" + images.cols() + " = "
                    + images.pixelsPerImage() + " pixels, but the model takes " + inputSize + " inputs.");
        }
        int[] labels = null;
        if (labelsFile != null) {
            labels = IdxReader.readLabels(labelsFile, Math.max(classes, 2));
            if (labels.length != images.count()) {
                throw new InvalidInputException(labelsFile + " holds " + labels.length + " labels but " + imagesFile + " holds "
                        + images.count() + " images; the two files do not belong together.");
            }
        }
        int n = limit > 0 ? Math.min(limit, images.count()) : images.count();
        float[] scaled = images.scaled();
        List<LabelledInput> examples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            examples.add(new LabelledInput(imagesFile.getFileName() + "#" + i,
                    Arrays.copyOfRange(scaled, i * inputSize, (i + 1) * inputSize), labels == null ? null : labels[i], null));
        }
        return examples;
    }
}
