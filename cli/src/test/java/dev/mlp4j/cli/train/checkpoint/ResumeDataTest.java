package dev.mlp4j.cli.train.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlp4j.cli.CliRun;
import dev.mlp4j.cli.train.Resumption;
import dev.mlp4j.core.train.checkpoint.CheckpointFile;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A resume carries on the same run: on the same data (which may have moved), and saying truthfully where epochs ran. */
class ResumeDataTest {

    private static Path copyOf(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String name : Fixtures.MNIST_FILE_NAMES) {
            Files.copy(from.resolve(name), to.resolve(name));
        }
        return to;
    }

    private static CliRun firstEpochs(Path data, Path ck) {
        return CliRun.of("train", "--data", data.toString(), "--layers", "784,10", "--epochs", "1", "--batch", "20",
                "--backend", "core", "--checkpoint", ck.toString(), "--no-progress");
    }

    /** Rewrites the checkpoint's context, as an older mlp4j or another session would have left it. */
    private static void editContext(Path file, Consumer<ObjectNode> edit) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(file.toFile());
        edit.accept((ObjectNode) root.get("context"));
        Files.writeString(file, mapper.writeValueAsString(root));
    }

    @Test
    void a_resume_given_other_data_is_refused_but_the_same_data_moved_elsewhere_is_not(@TempDir Path dir) throws IOException {
        Path mini = copyOf(Fixtures.miniMnist(), dir.resolve("mini"));
        Path ck = dir.resolve("ck");
        CliRun first = firstEpochs(mini, ck);
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(Files.readString(CheckpointFile.file(ck)).contains("\"" + DataIdentity.KEY + "\""));

        // Other data: the training files serve as the test set too, so the sizes and the checksum differ.
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.copy(mini.resolve("train-images-idx3-ubyte.gz"), other.resolve("train-images-idx3-ubyte.gz"));
        Files.copy(mini.resolve("train-labels-idx1-ubyte.gz"), other.resolve("train-labels-idx1-ubyte.gz"));
        Files.copy(mini.resolve("train-images-idx3-ubyte.gz"), other.resolve("t10k-images-idx3-ubyte.gz"));
        Files.copy(mini.resolve("train-labels-idx1-ubyte.gz"), other.resolve("t10k-labels-idx1-ubyte.gz"));
        CliRun refused = CliRun.of("train", "--resume", ck.toString(), "--data", other.toString(), "--epochs", "2", "--no-progress");
        assertEquals(2, refused.exitCode(), refused.out() + refused.err());
        assertTrue(refused.err().contains("trained on mnist (120 train, 0 validation, 30 test, checksum"), refused.err());
        assertTrue(refused.err().contains("but the data loaded now is mnist (120 train, 0 validation, 120 test"), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertFalse(refused.out().contains("epoch 2/2"), refused.out());
        assertEquals(1, CheckpointFile.load(ck).state().epochsDone(), "the checkpoint is left as it was");

        Path moved = copyOf(mini, dir.resolve("moved"));
        CliRun resumed = CliRun.of("train", "--resume", ck.toString(), "--data", moved.toString(), "--epochs", "2", "--no-progress");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("epoch 2/2"), resumed.out());
    }

    @Test
    void a_checkpoint_written_before_the_data_and_backend_records_still_resumes(@TempDir Path dir) throws IOException {
        Path ck = dir.resolve("ck");
        CliRun first = firstEpochs(copyOf(Fixtures.miniMnist(), dir.resolve("mini")), ck);
        assertEquals(0, first.exitCode(), first.err());
        Path file = CheckpointFile.file(ck);
        editContext(file, context -> {
            context.remove(BackendHistory.KEY);
            context.remove(DataIdentity.KEY);
        });
        assertFalse(Files.readString(file).contains(DataIdentity.KEY));
        CliRun resumed = CliRun.of("train", "--resume", ck.toString(), "--epochs", "2", "--no-progress");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("epoch 2/2"), resumed.out());
        assertFalse(resumed.out().contains("note: epoch"), "the old record says core, as this session: " + resumed.out());
        assertTrue(Files.readString(file).contains(DataIdentity.KEY), "the next checkpoint has the record");
    }

    @Test
    void after_a_mixed_backend_run_the_note_names_each_backends_epochs(@TempDir Path dir) throws IOException {
        Path ck = dir.resolve("ck");
        CliRun first = CliRun.of("train", "--example", "circle", "--epochs", "3", "--backend", "core", "--checkpoint", ck.toString(),
                "--no-progress");
        assertEquals(0, first.exitCode(), first.err());
        Path file = CheckpointFile.file(ck);
        // What epochs 1-2 on core and epoch 3 on opencl leave: the record of the spans, and the last backend.
        editContext(file, context -> {
            ArrayNode spans = context.putArray(BackendHistory.KEY);
            spans.addObject().put("backend", "core").put("from", 1).put("to", 2);
            spans.addObject().put("backend", "opencl").put("from", 3).put("to", 3);
            context.put(Resumption.BACKEND, "opencl");
        });
        CliRun resumed = CliRun.of("train", "--resume", ck.toString(), "--epochs", "4", "--backend", "core", "--no-progress");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("note: epochs 1-2 ran on core, 3 on opencl; the rest runs on core"), resumed.out());
        @SuppressWarnings("unchecked")
        List<Object> now = (List<Object>) CheckpointFile.load(ck).context().get(BackendHistory.KEY);
        assertEquals(3, now.size(), now.toString());
        assertEquals("core", ((Map<?, ?>) now.get(2)).get("backend"));
        assertEquals(4.0, ((Map<?, ?>) now.get(2)).get("from"));
    }

    @Test
    void the_backend_history_describes_its_spans() {
        BackendHistory h = BackendHistory.none().extendedTo("core", 6).extendedTo("opencl", 7);
        assertEquals("epochs 1-6 ran on core, 7 on opencl", h.describe());
        assertTrue(h.anyOtherThan("core"));
        assertEquals("epoch 1 ran on core", BackendHistory.none().extendedTo("core", 1).describe());
        assertFalse(BackendHistory.none().extendedTo("core", 3).extendedTo("core", 5).anyOtherThan("core"));
        assertEquals(h.describe(), BackendHistory.fromContext(Map.of(BackendHistory.KEY, List.of(
                Map.of("backend", "core", "from", 1.0, "to", 6.0), Map.of("backend", "opencl", "from", 7.0, "to", 7.0))), 7).describe());
        assertEquals("epochs 1-4 ran on aparapi", BackendHistory.fromContext(Map.of(Resumption.BACKEND, "aparapi"), 4).describe());
    }

    @Test
    void resuming_an_example_run_with_data_is_a_usage_error(@TempDir Path dir) {
        Path ck = dir.resolve("ck");
        assertEquals(0, CliRun.of("train", "--example", "circle", "--epochs", "1", "--backend", "core", "--checkpoint", ck.toString(),
                "--no-progress").exitCode());
        CliRun r = CliRun.of("train", "--resume", ck.toString(), "--data", "/nonexistent", "--epochs", "2", "--no-progress");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("generated example circle, so --data /nonexistent would be ignored"), r.err());
    }
}
