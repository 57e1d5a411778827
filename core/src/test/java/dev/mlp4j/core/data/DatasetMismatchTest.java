package dev.mlp4j.core.data;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.DataLocator.Dataset;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One data set's files are never read under the other's name: the files of both are named alike. */
class DatasetMismatchTest {

    /** The folder holding MNIST's published files; the test is skipped without them. */
    private static Path mnist() {
        DataFolder folder = DataLocator.locate(null, Dataset.MNIST);
        Assumptions.assumeTrue(folder != null && folder.dataset() == Dataset.MNIST,
                "MNIST's published files not found (see README 'Getting MNIST'); skipping");
        return folder.dir();
    }

    /** Links to {@code from}'s files named in {@code names}, in {@code dir}. */
    private static void link(Path dir, Path from, String... names) throws IOException {
        for (String name : names) {
            Path file = MnistFiles.find(from, name);
            Files.createSymbolicLink(dir.resolve(file.getFileName()), file);
        }
    }

    @Test
    void mnist_asked_for_as_fashion_mnist_is_refused_naming_the_files_and_the_fix(@TempDir Path dir) throws IOException {
        link(dir, mnist(), MnistFiles.NAMES.toArray(String[]::new));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DataLocator.require(dir.toString(), Dataset.FASHION_MNIST));
        assertEquals(dir + " holds the mnist files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, "
                + "t10k-labels-idx1-ubyte.gz), not fashion-mnist's; give --dataset mnist to use them, or point --data at a folder with the "
                + "fashion-mnist files ('./mlp4j download --dataset fashion-mnist' fetches them).", e.getMessage());
        // The tests' own look-up refuses it too.
        assertThrows(InvalidInputException.class, () -> DataLocator.find(dir.toString(), Dataset.FASHION_MNIST));
        assertEquals(Dataset.MNIST, DataLocator.require(dir.toString(), Dataset.MNIST).dataset());
    }

    @Test
    void some_files_of_the_other_data_set_are_refused_and_the_rest_is_unknown(@TempDir Path dir) throws IOException {
        link(dir, mnist(), MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS);
        link(dir, Fixtures.miniMnist(), MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DataLocator.require(dir.toString(), Dataset.FASHION_MNIST));
        assertTrue(e.getMessage().startsWith(dir + ": train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz are mnist's, not fashion-mnist's;"),
                e.getMessage());
        // Half of MNIST is not MNIST: read, but as unknown files.
        DataFolder asMnist = DataLocator.require(dir.toString(), Dataset.MNIST);
        assertNull(asMnist.dataset());
        assertEquals("unknown", asMnist.name());
    }
}
