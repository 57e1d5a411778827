package dev.mlp4j.core.reliability;

import dev.mlp4j.core.testing.Fifos;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.IdxReader;
import dev.mlp4j.core.data.MnistFiles;
import dev.mlp4j.core.file.FileKind;
import dev.mlp4j.core.file.InputFiles;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.train.checkpoint.CheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Named pipes and devices given where a file is read: every reader refuses them before opening them, with a sentence
 * that says what they are (a pipe used to block forever, /dev/zero to fill the heap), and no read goes past its bound
 * whatever the file system says about the size.
 */
class SpecialFilesTest {
    /** A refusal takes milliseconds; a reader that opens a pipe blocks until this ends the test. */
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** Every reader of a user's file in core, by what it reads (the verify module tests its reader alike). */
    private static Map<String, Consumer<Path>> readers() {
        Map<String, Consumer<Path>> readers = new LinkedHashMap<>();
        readers.put("model", ModelFile::load);
        readers.put("checkpoint", CheckpointFile::load);
        readers.put("IDX images", IdxReader::readImages);
        readers.put("IDX labels", f -> IdxReader.readLabels(f, 10));
        return readers;
    }

    private Path fifo(String name) throws Exception {
        return Fifos.make(dir.resolve(name));
    }

    private static InvalidInputException refusedInTime(String what, Consumer<Path> reader, Path file) {
        return assertTimeoutPreemptively(LIMIT, () -> assertThrows(InvalidInputException.class, () -> reader.accept(file),
                what + " read from " + file), () -> what + " reader blocked on " + file);
    }

    @Test
    void a_named_pipe_is_refused_by_every_reader_without_waiting_for_a_writer() throws Exception {
        Path fifo = fifo("pipe.json");
        readers().forEach((what, reader) -> {
            InvalidInputException e = refusedInTime(what, reader, fifo);
            assertTrue(e.getMessage().startsWith(fifo + " is a FIFO (named pipe), not a regular file; give the "), what + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("as a regular file"), what + ": " + e.getMessage());
        });
    }

    @Test
    void a_checkpoint_folder_whose_checkpoint_json_is_a_pipe_is_refused() throws Exception {
        Path ck = Files.createDirectories(dir.resolve("ck"));
        Path fifo = Files.move(fifo("x"), ck.resolve(CheckpointFile.FILE_NAME));
        InvalidInputException e = refusedInTime("checkpoint", CheckpointFile::load, ck);
        assertTrue(e.getMessage().startsWith(fifo + " is a FIFO (named pipe)"), e.getMessage());
    }

    @Test
    void devices_are_refused_before_a_byte_is_read_also_through_a_link() throws IOException {
        for (String device : new String[] {"/dev/zero", "/dev/urandom"}) {
            Path file = Path.of(device);
            assumeTrue(Files.exists(file), device + " is not here");
            Path link = Files.createSymbolicLink(dir.resolve("link-" + file.getFileName()), file);
            readers().forEach((what, reader) -> {
                InvalidInputException e = refusedInTime(what, reader, file);
                assertTrue(e.getMessage().startsWith(device + " is a character device, not a regular file"), what + ": " + e.getMessage());
                InvalidInputException viaLink = refusedInTime(what, reader, link);
                assertTrue(viaLink.getMessage().startsWith(link + " is a link to " + device + ", which is a character device"),
                        what + ": " + viaLink.getMessage());
            });
        }
    }

    @Test
    void links_that_lead_nowhere_say_which_kind_of_nowhere() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.createSymbolicLink(a, b.getFileName());
        Files.createSymbolicLink(b, a.getFileName());
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nothing"));
        assertEquals(FileKind.LINK_LOOP, FileKind.of(a));
        assertEquals(FileKind.DANGLING_LINK, FileKind.of(dangling));
        assertEquals(FileKind.MISSING, FileKind.of(dir.resolve("nothing")));
        assertEquals(FileKind.REGULAR, FileKind.of(Files.writeString(dir.resolve("f"), "x")));
        assertEquals(FileKind.FOLDER, FileKind.of(dir));
        InvalidInputException loop = refusedInTime("model", ModelFile::load, a);
        assertTrue(loop.getMessage().startsWith(a + " is a loop of symbolic links, not a regular file"), loop.getMessage());
    }

    @Test
    void a_data_folder_names_a_link_to_a_device_and_a_link_loop_for_what_they_are() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "/dev/zero is not here");
        Path data = Files.createDirectories(dir.resolve("data"));
        for (String name : MnistFiles.NAMES) {
            Files.write(data.resolve(name), new byte[0]);
        }
        Path images = data.resolve(MnistFiles.TRAIN_IMAGES);
        Files.delete(images);
        Files.createSymbolicLink(images, Path.of("/dev/zero"));
        assertEquals(images + " is a link to /dev/zero, which is a character device, not a regular file; put the file itself there",
                MnistFiles.problem(data));

        Files.delete(images);
        Path other = data.resolve("other");
        Files.createSymbolicLink(images, other.getFileName());
        Files.createSymbolicLink(other, images.getFileName());
        assertEquals(images + " is a loop of symbolic links, not a regular file; put the file itself there", MnistFiles.problem(data));
    }

    @Test
    void a_read_stops_at_its_bound_counted_in_bytes_whatever_the_size_said() throws IOException {
        // A file that grows while it is read (or a /proc file that reports size 0) passes the size check; the count does not.
        Path file = Files.write(dir.resolve("grows.json"), new byte[100]);
        try (InputStream in = InputFiles.open(file, 1000, "mlp4j model")) {
            Files.write(file, new byte[5000]);
            InvalidInputException e = assertThrows(InvalidInputException.class, in::readAllBytes);
            assertEquals(file + ": more than 1000 bytes is more than the 1000 bytes mlp4j reads from one mlp4j model; is it the right file?",
                    e.getMessage());
        }
    }
}
