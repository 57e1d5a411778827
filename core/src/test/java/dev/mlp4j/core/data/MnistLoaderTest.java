package dev.mlp4j.core.data;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading an MNIST-format folder (testdata's mini-mnist) and finding one on disk. */
class MnistLoaderTest {

    @Test
    void mini_mnist_loads_with_all_120_training_images_kept_for_training() {
        Mnist mnist = Mnist.load(Fixtures.miniMnist());
        // Mnist.load keeps the last VALIDATION_SIZE (10,000) training images for validation only when there are
        // more than that; with 120 it keeps them all for training and has no validation set.
        assertTrue(120 <= Mnist.VALIDATION_SIZE);
        assertEquals(120, mnist.train().size());
        assertNull(mnist.validation());
        assertEquals(30, mnist.test().size());
        for (DataSet d : new DataSet[] {mnist.train(), mnist.test()}) {
            assertEquals(784, d.inputSize(), d.name());
            assertEquals(Mnist.CLASSES, d.outputSize(), d.name());
            assertTrue(d.isClassification(), d.name());
            assertNull(d.firstNonFinite(), d.name());
        }
    }

    @Test
    void targets_are_the_one_hot_vectors_of_the_labels_and_every_digit_appears_equally_often() {
        Mnist mnist = Mnist.load(Fixtures.miniMnist());
        int[] perDigitTrain = countLabels(mnist.train());
        int[] perDigitTest = countLabels(mnist.test());
        for (int digit = 0; digit < 10; digit++) {
            assertEquals(12, perDigitTrain[digit], "training images of digit " + digit);
            assertEquals(3, perDigitTest[digit], "test images of digit " + digit);
        }
    }

    private static int[] countLabels(DataSet d) {
        int[] counts = new int[10];
        float[] y = d.targetArray();
        for (int i = 0; i < d.size(); i++) {
            int label = d.label(i);
            counts[label]++;
            for (int j = 0; j < 10; j++) {
                assertEquals(j == label ? 1f : 0f, y[i * 10 + j], d.name() + " example " + i + " target " + j);
            }
        }
        return counts;
    }

    @Test
    void pixels_are_in_the_unit_interval_and_show_the_bar_of_the_label() {
        // idx/README.md: each image is a 3-pixel-wide vertical bar of intensity 200..255 from column 3 + 2·label.
        Mnist mnist = Mnist.load(Fixtures.miniMnist());
        DataSet train = mnist.train();
        float[] x = train.inputArray();
        for (float v : x) {
            assertTrue(v >= 0f && v <= 1f, "pixel " + v);
        }
        for (int i = 0; i < train.size(); i++) {
            int column = 3 + 2 * train.label(i) + 1; // the bar's middle column
            float middle = x[i * 784 + 14 * 28 + column];
            assertTrue(middle >= 200 / 255f, "example " + i + " (label " + train.label(i) + "): pixel " + middle);
        }
    }

    @Test
    void images_and_labels_that_do_not_belong_together_are_refused(@TempDir Path dir) throws IOException {
        Path mini = Fixtures.miniMnist();
        for (String name : Fixtures.MNIST_FILE_NAMES) {
            Files.copy(mini.resolve(name), dir.resolve(name));
        }
        Files.delete(dir.resolve("train-images-idx3-ubyte.gz"));
        Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
        Files.copy(Fixtures.path("idx/tiny-images-idx3-ubyte"), dir.resolve("train-images-idx3-ubyte"));
        Files.copy(Fixtures.path("idx/corrupt/count-mismatch-labels"), dir.resolve("train-labels-idx1-ubyte"),
                StandardCopyOption.REPLACE_EXISTING);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().contains("19 labels") && e.getMessage().contains("20 images"), e.getMessage());
    }

    @Test
    void a_missing_file_is_refused_naming_it(@TempDir Path dir) throws IOException {
        Path mini = Fixtures.miniMnist();
        for (String name : Fixtures.MNIST_FILE_NAMES) {
            if (!name.startsWith("t10k-labels")) {
                Files.copy(mini.resolve(name), dir.resolve(name));
            }
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().contains(MnistFiles.TEST_LABELS) && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void mnist_files_are_found_gzipped_raw_or_with_dotted_names(@TempDir Path dir) throws IOException {
        assertNull(MnistFiles.find(dir, MnistFiles.TRAIN_IMAGES));
        Files.write(dir.resolve("train-images.idx3-ubyte"), new byte[0]);
        assertEquals(dir.resolve("train-images.idx3-ubyte"), MnistFiles.find(dir, MnistFiles.TRAIN_IMAGES));
        Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[0]);
        assertEquals(dir.resolve("train-images-idx3-ubyte"), MnistFiles.find(dir, MnistFiles.TRAIN_IMAGES));
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), new byte[0]);
        assertEquals(dir.resolve("train-images-idx3-ubyte.gz"), MnistFiles.find(dir, MnistFiles.TRAIN_IMAGES));
        assertTrue(!MnistFiles.present(dir));
        assertTrue(MnistFiles.present(Fixtures.miniMnist()));
    }

    @Test
    void the_locator_finds_a_folder_named_with_data() {
        Path mini = Fixtures.miniMnist();
        assertEquals(mini.toAbsolutePath().normalize(), DataLocator.find(mini.toString(), DataLocator.Dataset.MNIST));
        assertEquals(mini.toAbsolutePath().normalize(), DataLocator.require(mini.toString(), DataLocator.Dataset.MNIST).dir());
    }

    @Test
    void require_with_a_missing_data_folder_says_where_it_looked_and_what_it_needs(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-folder");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DataLocator.require(missing.toString(), DataLocator.Dataset.MNIST));
        String message = e.getMessage();
        assertTrue(message.contains(missing.toAbsolutePath().normalize().toString() + " (--data)"), message);
        for (String name : MnistFiles.NAMES) {
            assertTrue(message.contains(name), "message does not name " + name + ": " + message);
        }
        assertTrue(message.contains("MLP4J_DATA"), message);
    }

    @Test
    void an_explicit_folder_is_the_only_candidate() {
        var candidates = DataLocator.candidates("/some/where", DataLocator.Dataset.MNIST);
        assertEquals(1, candidates.size());
        assertEquals("/some/where", candidates.get(0)[0]);
        assertEquals("--data", candidates.get(0)[1]);
    }

    @Test
    void without_an_explicit_folder_the_usual_places_are_candidates() {
        var candidates = DataLocator.candidates(null, DataLocator.Dataset.MNIST);
        assertTrue(candidates.stream().anyMatch(c -> c[0].equals("../shared/mnist")),
                () -> candidates.stream().map(c -> c[0]).toList().toString());
        assertNotNull(DataLocator.Dataset.fromId("Fashion-MNIST"));
        assertThrows(InvalidInputException.class, () -> DataLocator.Dataset.fromId("cifar"));
    }
}
