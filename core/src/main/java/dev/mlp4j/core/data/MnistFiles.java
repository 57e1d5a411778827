package dev.mlp4j.core.data;

import dev.mlp4j.core.file.FileKind;

import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /**
     * What keeps {@code dir} from being a data set folder, naming the file, when it looks like one (it holds at least
     * one of the four names, in any form); null when it is complete or holds none of them. Without this a folder
     * missing one file reads as "no data found", which sends the user looking in the wrong place.
     */
    public static String problem(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return null;
        }
        String missing = null;
        int seen = 0;
        for (String name : NAMES) {
            Path file = find(dir, name);
            if (file != null) {
                seen++;
                if (!Files.isReadable(file)) {
                    return file + " cannot be read (permission denied); make it readable";
                }
                continue;
            }
            for (Path candidate : List.of(dir.resolve(name + ".gz"), dir.resolve(name), dir.resolve(name.replace("-idx", ".idx")))) {
                if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                    return candidate + " is " + FileKind.describe(candidate)
                            + (Files.isDirectory(candidate) ? "" : ", not a regular file") + "; put the file itself there";
                }
            }
            if (missing == null) {
                missing = name;
            }
        }
        if (seen == 0 || missing == null) {
            return null;
        }
        return dir + " has " + seen + " of the four files but not " + missing + " (raw or .gz); add it";
    }

    /** True when all four files are in {@code dir}. */
    public static boolean present(Path dir) {
        return dir != null && Files.isDirectory(dir) && NAMES.stream().allMatch(n -> find(dir, n) != null);
    }
}
