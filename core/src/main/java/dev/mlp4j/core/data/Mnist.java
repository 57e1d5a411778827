package dev.mlp4j.core.data;

import dev.mlp4j.core.Action;
import dev.mlp4j.core.Fix;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;
import dev.mlp4j.core.Setting;

import java.nio.file.Path;

/**
 * MNIST as Nielsen's mnist_loader gives it: the 60,000 training images split into the first 50,000 for training
 * and the last 10,000 for validation, plus the 10,000 test images; pixels in [0, 1], labels one-hot over 10
 * classes. Works for any data set in the same format, such as Fashion-MNIST. A training file of 10,000 images or
 * fewer (small fixtures) is not split: all of it trains and there is no validation set.
 */
public record Mnist(DataSet train, DataSet validation, DataSet test) {
    public static final int CLASSES = 10;
    public static final int VALIDATION_SIZE = 10_000;

    /** Loads the four files from {@code dir}. */
    public static Mnist load(Path dir) {
        DataSet all = load(dir, MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS, "train");
        DataSet test = load(dir, MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS, "test");
        if (test.inputSize() != all.inputSize()) {
            // Said here, where the files can be named; TrainingData would only know the sets.
            throw new InvalidInputException(dir + ": " + MnistFiles.find(dir, MnistFiles.TEST_IMAGES).getFileName() + " has "
                    + test.inputSize() + " values per image but " + MnistFiles.find(dir, MnistFiles.TRAIN_IMAGES).getFileName()
                    + " has " + all.inputSize() + "; the files belong to different data sets, so put the four files of one data set in the folder.");
        }
        int split = all.size() > VALIDATION_SIZE ? all.size() - VALIDATION_SIZE : all.size();
        DataSet train = all.slice("train", 0, split);
        DataSet validation = split < all.size() ? all.slice("validation", split, all.size()) : null;
        return new Mnist(train, validation, test);
    }

    private static DataSet load(Path dir, String imagesName, String labelsName, String name) {
        Path imagesFile = MnistFiles.find(dir, imagesName);
        Path labelsFile = MnistFiles.find(dir, labelsName);
        if (imagesFile == null || labelsFile == null) {
            throw new InvalidInputException(new Problem(dir + ": " + (imagesFile == null ? imagesName : labelsName) + "(.gz) is missing",
                    null, Fix.of("run ", Action.DOWNLOAD.run(), " or point ", Setting.DATA.alone(), " at the folder holding the four MNIST files")));
        }
        IdxReader.Images images = IdxReader.readImages(imagesFile);
        int[] labels = IdxReader.readLabels(labelsFile, CLASSES);
        if (labels.length != images.count()) {
            throw new InvalidInputException(labelsFile + " holds " + labels.length + " labels but " + imagesFile + " holds "
                    + images.count() + " images; the two files do not belong together.");
        }
        if (images.count() == 0) {
            // A valid IDX file may hold none, but a set without examples would only give NaN costs and accuracies.
            throw new InvalidInputException(new Problem(imagesFile + " holds 0 images, so the " + (name.equals("train") ? "training" : name)
                    + " set would be empty", null, Fix.of("download the files again, or point ", Setting.DATA.alone(), " at a folder whose files hold images")));
        }
        return DataSet.classification(name, images.pixelsPerImage(), CLASSES, images.scaled(), labels);
    }
}
