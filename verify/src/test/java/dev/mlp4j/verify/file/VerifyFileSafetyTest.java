package dev.mlp4j.verify.file;

import dev.mlp4j.core.testing.Fifos;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The verify file's reader goes through core's gate for user files, as core's own readers do (core's
 * {@code SpecialFilesTest}, {@code DuplicateKeysTest}): a pipe or a device is refused before it is opened, and a key
 * given twice is refused rather than the last one kept (a second "gradients" block used to be diagnosed as the
 * zero gradient it held).
 */
class VerifyFileSafetyTest {
    /** A refusal takes milliseconds; a reader that opened a pipe would block until this ends the test. */
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void a_verify_file_with_a_second_gradients_block_is_refused() {
        String text = new String(Fixtures.bytes("verify/sign-flipped.json"), StandardCharsets.UTF_8);
        int at = text.indexOf('{') + 1;
        String twice = text.substring(0, at) + "\n \"gradients\": {\"weights\": [[[0, 0, 0], [0, 0, 0]], [[0, 0], [0, 0], [0, 0]]],"
                + " \"biases\": [[0, 0, 0], [0, 0]]}," + text.substring(at);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VerifyFileReader.fromJson("v.json", twice));
        assertTrue(e.getMessage().startsWith("v.json: the key \"gradients\" appears twice in one object, at line 2, column 2 and at line "),
                e.getMessage());
    }

    @Test
    void a_named_pipe_is_refused_without_waiting_for_a_writer() throws Exception {
        Path fifo = Fifos.make(dir.resolve("pipe.json"));
        InvalidInputException e = refusedInTime(fifo);
        assertTrue(e.getMessage().startsWith(fifo + " is a FIFO (named pipe), not a regular file; give the "), e.getMessage());
    }

    @Test
    void a_device_is_refused_before_a_byte_is_read() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "/dev/zero is not here");
        InvalidInputException e = refusedInTime(zero);
        assertTrue(e.getMessage().startsWith("/dev/zero is a character device, not a regular file"), e.getMessage());
    }

    private static InvalidInputException refusedInTime(Path file) {
        return assertTimeoutPreemptively(LIMIT, () -> assertThrows(InvalidInputException.class, () -> VerifyFileReader.read(file)),
                () -> "the verify file reader blocked on " + file);
    }
}
