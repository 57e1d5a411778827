package dev.mlp4j.core.data;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IDX reader on testdata's tiny and corrupt files (described in testdata's idx/README.md) and on files written
 * here byte by byte.
 */
class IdxReaderTest {
    /** The tiny labels as listed in idx/README.md. */
    private static final int[] TINY_LABELS = {0, 4, 1, 8, 2, 0, 7, 6, 1, 2, 5, 6, 9, 7, 9, 8, 5, 3, 4, 3};

    @Test
    void tiny_labels_read_as_listed_in_the_fixture_readme() {
        assertArrayEquals(TINY_LABELS, IdxReader.readLabels(Fixtures.path("idx/tiny-labels-idx1-ubyte"), 10));
    }

    @Test
    void tiny_images_have_the_header_shape_and_the_bytes_after_the_header() {
        IdxReader.Images images = IdxReader.readImages(Fixtures.path("idx/tiny-images-idx3-ubyte"));
        assertEquals(20, images.count());
        assertEquals(28, images.rows());
        assertEquals(28, images.cols());
        assertEquals(784, images.pixelsPerImage());
        byte[] file = Fixtures.bytes("idx/tiny-images-idx3-ubyte");
        assertArrayEquals(Arrays.copyOfRange(file, 16, file.length), images.pixels());
    }

    @Test
    void gzipped_and_raw_files_give_identical_data() {
        IdxReader.Images raw = IdxReader.readImages(Fixtures.path("idx/tiny-images-idx3-ubyte"));
        IdxReader.Images gz = IdxReader.readImages(Fixtures.path("idx/tiny-images-idx3-ubyte.gz"));
        assertEquals(raw.count(), gz.count());
        assertEquals(raw.rows(), gz.rows());
        assertEquals(raw.cols(), gz.cols());
        assertArrayEquals(raw.pixels(), gz.pixels());
        assertArrayEquals(IdxReader.readLabels(Fixtures.path("idx/tiny-labels-idx1-ubyte"), 10),
                IdxReader.readLabels(Fixtures.path("idx/tiny-labels-idx1-ubyte.gz"), 10));
    }

    @Test
    void pixels_scale_unsigned_bytes_to_the_unit_interval() {
        IdxReader.Images images = IdxReader.readImages(Fixtures.path("idx/tiny-images-idx3-ubyte"));
        float[] x = images.scaled();
        byte[] pixels = images.pixels();
        assertEquals(pixels.length, x.length);
        boolean sawHigh = false;
        boolean sawFull = false;
        for (int i = 0; i < x.length; i++) {
            int unsigned = pixels[i] & 0xFF;
            assertTrue(x[i] >= 0f && x[i] <= 1f, "pixel " + i + " scaled to " + x[i]);
            assertEquals(unsigned / 255f, x[i], "pixel " + i);
            sawHigh |= unsigned > 127 && unsigned < 255;
            sawFull |= unsigned == 255;
            if (unsigned == 255) {
                assertEquals(1f, x[i]);
            }
        }
        assertTrue(sawHigh && sawFull, "the fixture should hold bytes above 127, and 255");
    }

    /** Each corrupt fixture, whether it is read as images or labels, and what the message must say. */
    static Stream<Arguments> corruptFiles() {
        return Stream.of(
                Arguments.of("wrong-magic-images", true, new String[] {"magic number 2052", "expected 2051"}),
                Arguments.of("wrong-magic-labels", false, new String[] {"magic number 17301504", "expected 2049"}),
                Arguments.of("labels-as-images", true, new String[] {"magic number 2049", "expected 2051", "label file"}),
                Arguments.of("wrong-rank", true, new String[] {"magic number 2050", "expected 2051"}),
                Arguments.of("truncated-images", true, new String[] {"15680", "5880", "truncated"}),
                Arguments.of("truncated-header", true, new String[] {"header", "truncated"}),
                Arguments.of("extra-bytes-images", true, new String[] {"17", "trailing"}),
                Arguments.of("label-out-of-range", false, new String[] {"label 10", "item 3", "outside 0..9"}),
                Arguments.of("huge-claim-images", true, new String[] {"2000000000", "corrupt"}),
                Arguments.of("overflow-dims", true, new String[] {"65536", "corrupt"}),
                Arguments.of("truncated-gzip.gz", true, new String[] {"gzip", "truncated"}),
                // Not gzip despite the name: the reader goes by content, so it sees a bad magic number.
                Arguments.of("not-gzip.gz", true, new String[] {"magic number"}),
                Arguments.of("empty", true, new String[] {"0 bytes", "empty"}),
                Arguments.of("negative-dim", true, new String[] {"dimension 0", "2147483649", "not a valid size"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptFiles")
    void corrupt_files_are_refused_naming_the_file_and_the_problem(String name, boolean images, String[] expected) {
        Path file = Fixtures.path("idx/corrupt/" + name);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                    if (images) {
                        IdxReader.readImages(file);
                    } else {
                        IdxReader.readLabels(file, 10);
                    }
                }));
        String message = e.getMessage();
        assertTrue(message.contains(file.getFileName().toString()), "message does not name the file: " + message);
        for (String s : expected) {
            assertTrue(message.toLowerCase(Locale.ROOT).contains(s.toLowerCase(Locale.ROOT)),
                    "message lacks '" + s + "': " + message);
        }
    }

    @Test
    void a_header_claiming_two_billion_images_fails_fast_without_allocating_for_the_claim() {
        Path file = Fixtures.path("idx/corrupt/huge-claim-images");
        assertThrows(InvalidInputException.class,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> IdxReader.readImages(file)));
    }

    @Test
    void a_gzipped_huge_claim_fails_as_truncated_without_allocating_for_the_claim(@TempDir Path dir) throws IOException {
        // In a gzip the file size says nothing, so the reader must grow its buffer only as data arrives.
        // 2,000,000 images of 28x28 is 1.5 GB claimed; 1000 bytes follow.
        byte[] body = idx(0x00000803, new int[] {2_000_000, 28, 28}, new byte[1000]);
        Path file = dir.resolve("huge.gz");
        Files.write(file, gzip(body));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> IdxReader.readImages(file)));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("huge.gz"), e.getMessage());
    }

    @Test
    void zero_images_is_a_valid_empty_file() {
        IdxReader.Images images = IdxReader.readImages(Fixtures.path("idx/corrupt/zero-images"));
        assertEquals(0, images.count());
        assertEquals(28, images.rows());
        assertEquals(28, images.cols());
        assertEquals(0, images.pixels().length);
    }

    @Test
    void count_mismatch_labels_alone_are_a_valid_file_of_19_labels() {
        int[] labels = IdxReader.readLabels(Fixtures.path("idx/corrupt/count-mismatch-labels"), 10);
        assertArrayEquals(Arrays.copyOf(TINY_LABELS, 19), labels);
    }

    @Test
    void a_missing_file_is_refused_naming_it(@TempDir Path dir) {
        Path file = dir.resolve("nope-idx3-ubyte");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void labels_at_or_above_the_class_count_are_refused_and_bytes_are_unsigned(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("labels");
        Files.write(file, idx(0x00000801, new int[] {3}, new byte[] {1, 2, (byte) 200}));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxReader.readLabels(file, 10));
        assertTrue(e.getMessage().contains("label 200 of item 2"), e.getMessage());
        assertArrayEquals(new int[] {1, 2, 200}, IdxReader.readLabels(file, 256));
    }

    @Test
    void files_written_here_read_back_exactly_raw_and_gzipped(@TempDir Path dir) throws IOException {
        // 3 images of 2 rows x 4 columns, including bytes a signed reader would get wrong.
        byte[] pixels = new byte[3 * 2 * 4];
        int[] values = {0, 1, 127, 128, 200, 254, 255, 17};
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) values[(i * 5) % values.length];
        }
        byte[] images = idx(0x00000803, new int[] {3, 2, 4}, pixels);
        byte[] labels = idx(0x00000801, new int[] {3}, new byte[] {9, 0, 5});
        Files.write(dir.resolve("images"), images);
        Files.write(dir.resolve("labels"), labels);
        Files.write(dir.resolve("images.gz"), gzip(images));
        // Gzip content under a name without .gz: the reader sniffs the content, not the name.
        Files.write(dir.resolve("labels-gzipped-but-not-named-so"), gzip(labels));

        for (String name : new String[] {"images", "images.gz"}) {
            IdxReader.Images read = IdxReader.readImages(dir.resolve(name));
            assertEquals(3, read.count(), name);
            assertEquals(2, read.rows(), name);
            assertEquals(4, read.cols(), name);
            assertArrayEquals(pixels, read.pixels(), name);
            float[] x = read.scaled();
            for (int i = 0; i < x.length; i++) {
                assertEquals((pixels[i] & 0xFF) / 255f, x[i], name + " pixel " + i);
            }
        }
        assertArrayEquals(new int[] {9, 0, 5}, IdxReader.readLabels(dir.resolve("labels"), 10));
        assertArrayEquals(new int[] {9, 0, 5}, IdxReader.readLabels(dir.resolve("labels-gzipped-but-not-named-so"), 10));
    }

    @Test
    void trailing_bytes_after_the_data_of_a_gzip_are_refused(@TempDir Path dir) throws IOException {
        byte[] labels = idx(0x00000801, new int[] {2}, new byte[] {1, 2, 3});
        Path file = dir.resolve("labels.gz");
        Files.write(file, gzip(labels));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxReader.readLabels(file, 10));
        assertTrue(e.getMessage().contains("labels.gz") && e.getMessage().contains("bytes after"), e.getMessage());
    }

    @Test
    void a_zero_row_count_is_refused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("images");
        Files.write(file, idx(0x00000803, new int[] {5, 0, 28}, new byte[0]));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("dimension 1 is 0"), e.getMessage());
    }

    /** An IDX file: magic, sizes, data, big-endian. */
    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
