package dev.mlp4j.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The four files of an MNIST-format data set and how to find them in a folder, compressed or not. */
public final class MnistFiles {
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    public static final List<String> NAMES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private MnistFiles() {
    }

    /** The file for {@code name} in {@code dir}: the .gz if present, else the raw file, else null. */
    public static Path find(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = dir.resolve(name);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        // Some distributions (and the original download page) name them with a dot: train-images.idx3-ubyte.
        Path dotted = dir.resolve(name.replace("-idx", ".idx"));
        return Files.isRegularFile(dotted) ? dotted : null;
    }

    /** True when all four files are in {@code dir}. */
    public static boolean present(Path dir) {
        return dir != null && Files.isDirectory(dir) && NAMES.stream().allMatch(n -> find(dir, n) != null);
    }
}
