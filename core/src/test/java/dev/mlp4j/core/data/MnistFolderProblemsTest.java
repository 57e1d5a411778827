package dev.mlp4j.core.data;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Folders that are almost an MNIST data set: each refusal names the file at fault. */
class MnistFolderProblemsTest {

    /** An MNIST-format folder of {@code trainCount} train images of side {@code trainSide} and 3 test images of {@code testSide}. */
    static Path folder(Path dir, int trainSide, int testSide) throws IOException {
        int trainCount = 5;
        int testCount = 3;
        Files.write(dir.resolve(MnistFiles.TRAIN_IMAGES), images(trainCount, trainSide));
        Files.write(dir.resolve(MnistFiles.TRAIN_LABELS), labels(trainCount));
        Files.write(dir.resolve(MnistFiles.TEST_IMAGES), images(testCount, testSide));
        Files.write(dir.resolve(MnistFiles.TEST_LABELS), labels(testCount));
        return dir;
    }

    private static byte[] images(int count, int side) {
        byte[] pixels = new byte[count * side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        return IdxReaderTest.idx(0x00000803, new int[] {count, side, side}, pixels);
    }

    private static byte[] labels(int count) {
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
        }
        return IdxReaderTest.idx(0x00000801, new int[] {count}, labels);
    }

    @Test
    void test_images_smaller_than_the_training_images_are_refused_naming_both_files(@TempDir Path dir) throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Mnist.load(folder(dir, 28, 14)));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte has 196 values per image but train-images-idx3-ubyte has 784"),
                e.getMessage());
    }

    @Test
    void test_images_larger_than_the_training_images_are_refused_too(@TempDir Path dir) throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Mnist.load(folder(dir, 14, 28)));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte has 784 values per image but train-images-idx3-ubyte has 196"),
                e.getMessage());
    }

    @Test
    void a_test_or_training_set_of_zero_images_is_refused_naming_the_file(@TempDir Path dir) throws IOException {
        folder(dir, 28, 28);
        Files.write(dir.resolve(MnistFiles.TEST_IMAGES), images(0, 28));
        Files.write(dir.resolve(MnistFiles.TEST_LABELS), labels(0));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve(MnistFiles.TEST_IMAGES) + " holds 0 images, so the test set would be empty;"),
                e.getMessage());

        Files.write(dir.resolve(MnistFiles.TRAIN_IMAGES), images(0, 28));
        Files.write(dir.resolve(MnistFiles.TRAIN_LABELS), labels(0));
        e = assertThrows(InvalidInputException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve(MnistFiles.TRAIN_IMAGES) + " holds 0 images, so the training set would be empty;"),
                e.getMessage());
    }

    @Test
    void a_folder_missing_one_file_is_named_with_the_file_it_lacks(@TempDir Path dir) throws IOException {
        Path mini = Fixtures.miniMnist();
        for (String name : Fixtures.MNIST_FILE_NAMES) {
            if (!name.startsWith("t10k-labels")) {
                Files.copy(mini.resolve(name), dir.resolve(name));
            }
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DataLocator.require(dir.toString(), DataLocator.Dataset.MNIST));
        assertTrue(e.getMessage().contains(dir + " has 3 of the four files but not t10k-labels-idx1-ubyte"), e.getMessage());
    }

    @Test
    void one_of_the_files_given_as_the_folder_is_refused_naming_the_folder_it_is_in(@TempDir Path dir) throws IOException {
        Path mini = Fixtures.miniMnist();
        for (String name : Fixtures.MNIST_FILE_NAMES) {
            Files.copy(mini.resolve(name), dir.resolve(name));
        }
        Path file = dir.resolve(Fixtures.MNIST_FILE_NAMES.get(0)).toAbsolutePath();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DataLocator.require(file.toString(), DataLocator.Dataset.MNIST));
        assertTrue(e.getMessage().equals("--data " + file + " is a file, but --data takes the folder that holds the four mnist files, e.g. --data "
                + file.getParent() + "."), e.getMessage());
    }

    @Test
    void a_folder_where_a_file_should_be_is_named(@TempDir Path dir) throws IOException {
        Path mini = Fixtures.miniMnist();
        for (String name : Fixtures.MNIST_FILE_NAMES) {
            if (name.startsWith("train-images")) {
                Files.createDirectory(dir.resolve(name));
            } else {
                Files.copy(mini.resolve(name), dir.resolve(name));
            }
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DataLocator.require(dir.toString(), DataLocator.Dataset.MNIST));
        assertTrue(e.getMessage().contains(dir.resolve("train-images-idx3-ubyte.gz") + " is a folder"), e.getMessage());
    }

    @Test
    void a_dangling_link_where_a_file_should_be_is_named(@TempDir Path dir) throws IOException {
        Path mini = Fixtures.miniMnist();
        for (String name : Fixtures.MNIST_FILE_NAMES) {
            if (name.startsWith("t10k-images")) {
                Files.createSymbolicLink(dir.resolve(name), dir.resolve("gone"));
            } else {
                Files.copy(mini.resolve(name), dir.resolve(name));
            }
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DataLocator.require(dir.toString(), DataLocator.Dataset.MNIST));
        assertTrue(e.getMessage().contains(dir.resolve("t10k-images-idx3-ubyte.gz") + " is a link to nothing"), e.getMessage());
    }

    @Test
    void an_empty_folder_still_gets_the_general_message(@TempDir Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DataLocator.require(dir.toString(), DataLocator.Dataset.MNIST));
        assertTrue(e.getMessage().startsWith("No mnist data found"), e.getMessage());
    }
}
