package dev.mlp4j.cli.reliability;

import dev.mlp4j.core.testing.Fifos;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.core.train.checkpoint.CheckpointFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Inputs that used to hang or eat the heap, and messages that used to say the wrong thing: named pipes and devices
 * given to every command that reads a file, a decompression-bomb picture, a network too large for the heap, an IDX
 * file of no images, a model of a million layers, control characters in a file.
 */
class SpecialInputsTest {
    /** Every refusal here takes well under a second; a command that opens a pipe blocks until this ends the test. */
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;

    static Path model;

    @BeforeAll
    static void aModel() throws IOException {
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 784, 16, 10);
        model = tmp.resolve("m.json");
        ModelFile.save(new Model(spec, WeightInit.NORMAL_SCALED.initialise(spec, new Random(5)), Map.of()), model);
    }

    /** The pipes made, released after each test: a command blocked opening one would hold the CLI for the tests after it. */
    private static final List<Path> PIPES = new ArrayList<>();

    @AfterEach
    void releasePipes() throws IOException {
        for (Path pipe : PIPES) {
            // Read-write opens a FIFO at once on Linux, and a reader blocked in open() then gets its end of file.
            new RandomAccessFile(pipe.toFile(), "rw").close();
        }
        PIPES.clear();
    }

    private static Path fifo(Path file) throws Exception {
        Fifos.make(file);
        PIPES.add(file);
        return file;
    }

    /** Runs the command with a time limit; it must fail cleanly with exit 1 and one error line. */
    private static String refused(String... args) {
        Cli r = assertTimeoutPreemptively(LIMIT, () -> Cli.run(args), () -> "no answer (a hang?) from mlp4j " + String.join(" ", args));
        assertEquals(1, r.exitCode(), r.toString());
        assertNull(r.failureProblem(), r.toString());
        return r.errLines().get(0);
    }

    /** Every command that reads a file, with {@code file} where that file goes. */
    private static List<String[]> readersOf(Path file, Path checkpointFolder) {
        String f = file.toString();
        String m = model.toString();
        List<String[]> commands = new ArrayList<>(List.of(
                new String[] {"eval", "--model", f, "--example", "circle"},
                new String[] {"predict", "--model", f, "--csv", "x.csv"},
                new String[] {"predict", "--model", m, "--csv", f},
                new String[] {"predict", "--model", m, "--idx", f},
                new String[] {"predict", "--model", m, f},
                new String[] {"verify", f},
                new String[] {"diagnose", "--verify-file", f},
                new String[] {"diagnose", "--model", f, "--example", "circle"}));
        if (checkpointFolder != null) {
            commands.add(new String[] {"train", "--resume", checkpointFolder.toString(), "--no-progress"});
        }
        return commands;
    }

    @Test
    void a_named_pipe_is_refused_by_every_command_without_waiting_for_a_writer() throws Exception {
        Path pipe = fifo(tmp.resolve("pipe"));
        Path ck = Files.createDirectories(tmp.resolve("ck-pipe"));
        fifo(ck.resolve(CheckpointFile.FILE_NAME));
        for (String[] args : readersOf(pipe, ck)) {
            String line = refused(args);
            assertTrue(line.contains(" is a FIFO (named pipe), not a regular file; give the "), line);
            assertTrue(line.endsWith("as a regular file (mlp4j reads no pipes or devices, which may never end)."), line);
        }
    }

    @Test
    void dev_zero_and_dev_urandom_are_refused_before_a_byte_is_read() throws IOException {
        for (String device : new String[] {"/dev/zero", "/dev/urandom"}) {
            assumeTrue(Files.exists(Path.of(device)), device + " is not here");
            Path ck = Files.createDirectories(tmp.resolve("ck" + device.replace('/', '-')));
            Files.createSymbolicLink(ck.resolve(CheckpointFile.FILE_NAME), Path.of(device));
            for (String[] args : readersOf(Path.of(device), ck)) {
                String line = refused(args);
                assertTrue(line.contains(" is a character device, not a regular file")
                        || line.contains(" is a link to " + device + ", which is a character device, not a regular file"), line);
            }
        }
    }

    /** A PNG whose header says 40,000 x 40,000 grey pixels, followed by a little of its (zero) data. */
    private static Path pngBomb(Path file) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.writeInt(40_000);
        h.writeInt(40_000);
        h.write(new byte[] {8, 0, 0, 0, 0});
        chunk(png, "IHDR", header.toByteArray());
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(data)) {
            z.write(new byte[1 << 20]);
        }
        chunk(png, "IDAT", data.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return Files.write(file, png.toByteArray());
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] body) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(body.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(body);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(body);
        d.writeInt((int) crc.getValue());
    }

    @Test
    void a_picture_whose_header_claims_forty_thousand_pixels_square_is_refused_before_decoding() throws IOException {
        Path bomb = pngBomb(tmp.resolve("bomb.png"));
        assertTrue(Files.size(bomb) < 10_000, "a small file");
        String line = refused("predict", "--model", model.toString(), bomb.toString());
        assertEquals("error: " + bomb + ": the image is 40000x40000 pixels, more than predict decodes (25 million pixels at most); "
                + "give a smaller picture of the digit (it is scaled to a small square anyway).", line);
    }

    @Test
    void a_network_far_beyond_the_heap_is_refused_before_training_with_the_memory_it_needs() {
        // 2.1 billion parameters: about 94 GB at least, more than any heap a test runs with.
        String line = refused("train", "--example", "circle", "--layers", "2,1048576,2000,1", "--backend", "core", "--no-progress");
        assertTrue(line.startsWith("error: Training the network 2,1048576,2000,1 (2100301729 parameters, batch 10) needs at least 94."), line);
        assertTrue(line.contains("use smaller layers, or give Java more memory (JAVA_OPTS=-Xmx"), line);
    }

    @Test
    void an_idx_file_of_no_images_is_said_to_hold_nothing_to_predict() throws IOException {
        Path empty = Files.write(tmp.resolve("zero-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28});
        String line = refused("predict", "--model", model.toString(), "--idx", empty.toString());
        assertEquals("error: " + empty + " holds 0 images (its header says so), so there is nothing to predict; "
                + "give an IDX image file that holds some.", line);
    }

    @Test
    void a_model_of_a_million_layers_gets_a_short_message() throws IOException {
        Path huge = Files.writeString(tmp.resolve("layers.json"), "{\"format\": \"mlp4j-model\", \"version\": 1, \"network\": {\"layers\": ["
                + "1,".repeat(999_999) + "1], \"hidden\": \"sigmoid\", \"output\": \"sigmoid\", \"cost\": \"cross-entropy\"},"
                + " \"weights\": [], \"biases\": []}");
        String line = refused("eval", "--model", huge.toString(), "--example", "circle");
        assertTrue(line.length() < 1000, line.length() + " characters: " + line.substring(0, 300));
        assertTrue(line.contains("(1000000 layers)"), line);
        assertTrue(line.endsWith("train and save it again."), line);
    }

    @Test
    void control_characters_from_a_file_are_escaped_in_the_message() throws IOException {
        StringBuilder row = new StringBuilder("7,1\u0000\u001b[31m2");
        for (int i = 1; i < 784; i++) {
            row.append(",0");
        }
        Path csv = Files.writeString(tmp.resolve("control.csv"), row + "\n");
        for (boolean json : new boolean[] {false, true}) {
            Cli r = assertTimeoutPreemptively(LIMIT, () -> Cli.run(json
                    ? new String[] {"predict", "--model", model.toString(), "--csv", csv.toString(), "--json"}
                    : new String[] {"predict", "--model", model.toString(), "--csv", csv.toString()}));
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.err().contains("value 2 is '1\\u0000\\u001b[31m2', not a number"), r.err());
            assertFalse(r.err().chars().anyMatch(c -> c < 0x20 && c != '\n'), "a raw control character on stderr: " + r.err());
            if (json) {
                assertTrue(r.lastJson().get("error").asText().contains("'1\\u0000\\u001b[31m2'"), r.out());
            }
        }
    }
}
