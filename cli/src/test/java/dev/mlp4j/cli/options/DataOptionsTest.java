package dev.mlp4j.cli.options;

import dev.mlp4j.cli.CliRun;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data and options that do not go together are refused before any training, in one sentence that fits the command. */
class DataOptionsTest {

    /** An MNIST-format folder: 20 training images of side {@code trainSide}, 10 test images of side {@code testSide}. */
    private static Path idxFolder(Path dir, int trainSide, int testSide) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("train-images-idx3-ubyte"), images(20, trainSide));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels(20));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), images(10, testSide));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels(10));
        return dir;
    }

    private static byte[] images(int count, int side) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * side * side);
        b.putInt(0x00000803).putInt(count).putInt(side).putInt(side);
        for (int i = 0; i < count * side * side; i++) {
            b.put((byte) (i * 13));
        }
        return b.array();
    }

    private static byte[] labels(int count) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(0x00000801).putInt(count);
        for (int i = 0; i < count; i++) {
            b.put((byte) (i % 10));
        }
        return b.array();
    }

    private static void assertOneSentence(CliRun r, int exitCode, String expected) {
        assertEquals(exitCode, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one sentence: " + r.err());
        assertFalse(r.out().contains("epoch 1/"), "refused before training: " + r.out());
    }

    @Test
    void test_images_of_another_size_than_the_training_images_are_refused_before_training(@TempDir Path dir) throws IOException {
        Path small = idxFolder(dir.resolve("small-test"), 28, 14);
        assertOneSentence(CliRun.of("train", "--data", small.toString(), "--layers", "784,10", "--epochs", "1", "--backend", "core",
                "--no-progress"), 1, "t10k-images-idx3-ubyte has 196 values per image but train-images-idx3-ubyte has 784");
        Path large = idxFolder(dir.resolve("large-test"), 14, 28);
        assertOneSentence(CliRun.of("train", "--data", large.toString(), "--layers", "196,10", "--epochs", "1", "--backend", "core",
                "--no-progress"), 1, "t10k-images-idx3-ubyte has 784 values per image but train-images-idx3-ubyte has 196");
    }

    @Test
    void eval_refuses_the_same_folder_and_its_advice_fits_a_saved_model(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("circle.json");
        assertEquals(0, CliRun.of("train", "--example", "circle", "--epochs", "1", "--backend", "core", "--save", model.toString(),
                "--no-progress").exitCode());
        Path small = idxFolder(dir.resolve("small-test"), 28, 14);
        assertOneSentence(CliRun.of("eval", "--model", model.toString(), "--data", small.toString(), "--backend", "core", "--no-progress"),
                1, "t10k-images-idx3-ubyte has 196 values per image");

        CliRun misfit = CliRun.of("eval", "--model", model.toString(), "--data", Fixtures.miniMnist().toString(), "--backend", "core",
                "--no-progress");
        assertOneSentence(misfit, 2, "The model 2,5,5,1 expects 2 inputs and gives 1 outputs but each example of train has 784 values"
                + " and 10 targets; use data with 2 values and 1 targets per example, or a model trained on this data.");
        assertFalse(misfit.err().contains("--layers"), "eval has no --layers: " + misfit.err());
        CliRun diagnose = CliRun.of("diagnose", "--model", model.toString(), "--data", Fixtures.miniMnist().toString());
        assertEquals(2, diagnose.exitCode(), diagnose.err());
        assertTrue(diagnose.err().contains("or a model trained on this data"), diagnose.err());
        assertTrue(ModelFile.load(model).spec().inputSize() == 2);
    }

    @Test
    void an_unknown_dataset_is_a_usage_error_on_every_command() {
        for (String command : new String[] {"train", "eval", "download"}) {
            CliRun r = command.equals("eval") ? CliRun.of("eval", "--model", "x.json", "--dataset", "nosuch")
                    : CliRun.of(command, "--dataset", "nosuch", "--no-progress");
            assertEquals(2, r.exitCode(), command + ": " + r.err());
            assertTrue(r.err().contains("Unknown data set 'nosuch'"), command + ": " + r.err());
        }
    }

    @Test
    void example_with_data_is_a_usage_error_rather_than_ignoring_data() {
        for (String command : new String[] {"train", "eval"}) {
            CliRun r = command.equals("eval") ? CliRun.of("eval", "--model", "x.json", "--example", "circle", "--data", "/nonexistent")
                    : CliRun.of("train", "--example", "circle", "--data", "/nonexistent", "--no-progress");
            assertEquals(2, r.exitCode(), command + ": " + r.err());
            assertTrue(r.err().contains("--example circle generates its data, so --data /nonexistent would be ignored"), r.err());
        }
    }

    @Test
    void example_with_dataset_is_a_usage_error_rather_than_ignoring_dataset() {
        for (String command : new String[] {"train", "eval", "diagnose"}) {
            CliRun r = command.equals("eval") ? CliRun.of("eval", "--model", "x.json", "--example", "circle", "--dataset", "fashion-mnist")
                    : command.equals("diagnose") ? CliRun.of("diagnose", "--layers", "2,3,1", "--example", "circle", "--dataset", "fashion-mnist")
                    : CliRun.of("train", "--example", "circle", "--dataset", "fashion-mnist", "--no-progress");
            assertEquals(2, r.exitCode(), command + ": " + r.err());
            assertTrue(r.err().contains("--example circle generates its data, so --dataset fashion-mnist would be ignored; "
                    + "give --example or --dataset, not both."), r.err());
        }
    }

    @Test
    void cross_entropy_on_targets_outside_the_unit_interval_is_refused_with_what_to_change() {
        assertOneSentence(CliRun.of("train", "--example", "identity", "--layers", "2,6,2", "--hidden", "sigmoid", "--output", "sigmoid",
                "--cost", "cross-entropy", "--backend", "core", "--no-progress"), 2, "use --cost quadratic");
        assertEquals(0, CliRun.of("train", "--example", "identity", "--layers", "2,6,2", "--hidden", "sigmoid", "--output", "sigmoid",
                "--cost", "quadratic", "--epochs", "1", "--backend", "core", "--no-progress").exitCode());
    }

    @Test
    void patience_without_a_validation_set_says_once_what_it_judges_by() {
        CliRun r = CliRun.of("train", "--example", "circle", "--epochs", "2", "--patience", "5", "--backend", "core", "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("note: example:circle has no validation set, so --patience judges each epoch by its training cost"),
                r.out());
        assertEquals(1, r.out().split("--patience judges", -1).length - 1, "said once: " + r.out());
        CliRun off = CliRun.of("train", "--example", "circle", "--epochs", "1", "--backend", "core", "--no-progress");
        assertFalse(off.out().contains("--patience judges"), off.out());
        String help = CliRun.of("train", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("training cost where the data has no validation set"), help);
    }

    @Test
    void the_hidden_activations_listed_exclude_softmax_and_a_trailing_comma_in_layers_is_refused() {
        CliRun hidden = CliRun.of("train", "--example", "circle", "--hidden", "", "--no-progress");
        assertEquals(2, hidden.exitCode(), hidden.err());
        assertTrue(hidden.err().contains("use one of sigmoid, tanh, relu, linear."), hidden.err());
        assertFalse(hidden.err().contains("softmax"), hidden.err());
        CliRun trailing = CliRun.of("train", "--example", "circle", "--layers", "2,5,1,", "--no-progress");
        assertEquals(2, trailing.exitCode(), trailing.err());
        assertTrue(trailing.err().contains("Cannot read layer sizes '2,5,1,'"), trailing.err());
    }
}
