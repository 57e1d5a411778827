package dev.mlp4j.core.data;

import dev.mlp4j.core.data.DataLocator.Dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published files of the data sets mlp4j knows, by the checksum of their content, so that a run can say which
 * data set it read: files are named alike in both sets, and only their content tells them apart.
 *
 * <p>Each entry keeps the MD5 of the uncompressed content beside its CRC-32: the MD5 is what ties the entry to the
 * published files (MNIST's page published these; Fashion-MNIST's are of the files whose .gz checksums Zalando and
 * Debian publish, as {@code mlp4j download} checks them), and a test checks the two against each other on the files.
 */
public final class KnownFiles {

    /** One published file: its data set, name, and the length, CRC-32 and MD5 of its content. */
    public record KnownFile(Dataset dataset, String name, long size, long crc32, String md5) {
    }

    public static final List<KnownFile> ALL = List.of(
            new KnownFile(Dataset.MNIST, MnistFiles.TRAIN_IMAGES, 47_040_016, 0xe9f4d8b3L, "6bbc9ace898e44ae57da46a324031adb"),
            new KnownFile(Dataset.MNIST, MnistFiles.TRAIN_LABELS, 60_008, 0xe0cb4ad2L, "a25bea736e30d166cdddb491f175f624"),
            new KnownFile(Dataset.MNIST, MnistFiles.TEST_IMAGES, 7_840_016, 0x91373bdfL, "2646ac647ad5339dbf082846283269ea"),
            new KnownFile(Dataset.MNIST, MnistFiles.TEST_LABELS, 10_008, 0x4ab9eff9L, "27ae3e4e09519cfbb04c329615203637"),
            new KnownFile(Dataset.FASHION_MNIST, MnistFiles.TRAIN_IMAGES, 47_040_016, 0xb4f29f28L, "f4a8712d7a061bf5bd6d2ca38dc4d50a"),
            new KnownFile(Dataset.FASHION_MNIST, MnistFiles.TRAIN_LABELS, 60_008, 0x741a4657L, "9018921c3c673c538a1fc5bad174d6f9"),
            new KnownFile(Dataset.FASHION_MNIST, MnistFiles.TEST_IMAGES, 7_840_016, 0x678fe0b1L, "8181f5470baa50b63fa0f6fddb340f0a"),
            new KnownFile(Dataset.FASHION_MNIST, MnistFiles.TEST_LABELS, 10_008, 0x80142c1fL, "15d484375f8d13e6eb1aabb0c3f46965"));

    private KnownFiles() {
    }

    /**
     * Which known data set each of the four files in {@code dir} belongs to, by name (of {@link MnistFiles#NAMES});
     * a file that is no known one, or cannot be read (the loader will say why), is left out. A file counts only
     * under its own name: a test file under the training file's name is not that data set's training file.
     */
    public static Map<String, Dataset> recognise(Path dir) {
        Map<String, Dataset> known = new LinkedHashMap<>();
        for (String name : MnistFiles.NAMES) {
            Path file = MnistFiles.find(dir, name);
            ContentChecksum checksum;
            try {
                checksum = file == null ? null : ContentChecksum.of(file);
            } catch (IOException e) {
                checksum = null;
            }
            for (KnownFile k : ALL) {
                if (checksum != null && k.name().equals(name) && k.size() == checksum.size() && k.crc32() == checksum.crc32()) {
                    known.put(name, k.dataset());
                }
            }
        }
        return known;
    }
}
