package dev.mlp4j.core.data;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.file.InputFiles;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (MNIST, Fashion-MNIST), raw or gzip-compressed, refusing anything malformed with a sentence that
 * names the file, where it went wrong, and what to do.
 *
 * <p>Memory is bounded by what the file really holds, not by what its header claims: a 1 KB file whose header
 * promises two billion images gets a buffer that grows only as bytes actually arrive.
 */
public final class IdxReader {
    /** Magic numbers: 0x0000 then type 0x08 (unsigned byte) then the number of dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;
    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /** An IDX array of unsigned bytes. */
    public record IdxArray(int[] dimensions, byte[] data) {
        public int count() {
            return dimensions[0];
        }
    }

    /** Images: magic 2051, dimensions n × rows × cols. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
        public int pixelsPerImage() {
            return rows * cols;
        }

        /** Pixels scaled from 0..255 to [0, 1], as Nielsen's loader does. */
        public float[] scaled() {
            float[] x = new float[pixels.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (pixels[i] & 0xFF) / 255f;
            }
            return x;
        }
    }

    public static Images readImages(Path file) {
        IdxArray a = read(file, IMAGES_MAGIC);
        return new Images(a.dimensions()[0], a.dimensions()[1], a.dimensions()[2], a.data());
    }

    /** Labels: magic 2049, one dimension; every label must be below {@code classes}. */
    public static int[] readLabels(Path file, int classes) {
        IdxArray a = read(file, LABELS_MAGIC);
        int[] labels = new int[a.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = a.data()[i] & 0xFF;
            if (labels[i] >= classes) {
                throw new InvalidInputException(file + ": label " + labels[i] + " of item " + i + " (byte " + (8 + i)
                        + ") is outside 0.." + (classes - 1) + "; the file is not a label file for " + classes
                        + " classes: check that it is the right file, or download it again.");
            }
        }
        return labels;
    }

    /** Reads an IDX file whose magic number must be {@code expectedMagic}. */
    public static IdxArray read(Path file, int expectedMagic) {
        long fileSize;
        try {
            // A pipe or device would be read without end; the header's promise bounds what is read from a file.
            InputFiles.requireRegular(file, "IDX file");
            fileSize = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file.");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ").", e);
        }
        // Counts the uncompressed bytes a gzip gave before it failed, so the message can say where.
        long[] unzipped = {0};
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == 0x1F && b1 == 0x8B;
            InputStream in = gzip ? counting(new GZIPInputStream(raw, 1 << 16), unzipped) : raw;
            return parse(file, in, expectedMagic, gzip ? -1 : fileSize);
        } catch (EOFException e) {
            throw new InvalidInputException(file + ": the gzip stream ends early, after " + unzipped[0]
                    + " uncompressed bytes (the file is truncated at byte " + fileSize + "); download it again.", e);
        } catch (ZipException e) {
            throw new InvalidInputException(file + ": not a valid gzip file (" + e.getMessage() + ", after " + unzipped[0]
                    + " uncompressed bytes); download it again.", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ").", e);
        }
    }

    private static IdxArray parse(Path file, InputStream in, int expectedMagic, long rawSize) throws IOException {
        byte[] header = new byte[4];
        int got = in.readNBytes(header, 0, 4);
        if (got < 4) {
            throw new InvalidInputException(file + ": only " + got + " bytes, too short for an IDX header; "
                    + "the file is empty or truncated, download it again.");
        }
        int magic = readInt(header, 0);
        int expectedRank = expectedMagic & 0xFF;
        if (header[0] != 0 || header[1] != 0 || (header[2] & 0xFF) != UNSIGNED_BYTE || magic != expectedMagic) {
            throw new InvalidInputException(file + ": magic number " + magic + " (0x" + String.format("%08x", magic)
                    + ") at byte 0, expected " + expectedMagic + " for " + describe(expectedMagic)
                    + "; is this the right file" + (magic == IMAGES_MAGIC || magic == LABELS_MAGIC ? " (it holds " + describe(magic) + ")" : "") + "?");
        }
        byte[] dimBytes = new byte[4 * expectedRank];
        got = in.readNBytes(dimBytes, 0, dimBytes.length);
        if (got < dimBytes.length) {
            throw new InvalidInputException(file + ": the header ends after " + (4 + got) + " bytes but needs "
                    + (4 + dimBytes.length) + " for " + expectedRank + " dimensions; the file is truncated, download it again.");
        }
        int[] dims = new int[expectedRank];
        long total = 1;
        for (int i = 0; i < expectedRank; i++) {
            dims[i] = readInt(dimBytes, 4 * i);
            if (dims[i] < 0 || (i > 0 && dims[i] == 0)) {
                throw new InvalidInputException(file + ": dimension " + i + " is " + Integer.toUnsignedString(dims[i])
                        + " (byte " + (4 + 4 * i) + "), which is not a valid size; the file is corrupt, download it again.");
            }
            total *= dims[i];
            if (total > Integer.MAX_VALUE - 16) {
                throw new InvalidInputException(file + ": the header's dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                        + " (from byte 4) describe more than 2 GB of data, more than one array holds; the file is corrupt, download it again.");
            }
        }
        int headerSize = 4 + dimBytes.length;
        if (rawSize >= 0 && rawSize != headerSize + total) {
            long have = rawSize - headerSize;
            throw new InvalidInputException(file + ": the header promises " + total + " data bytes "
                    + Arrays.toString(dims) + " but the file holds " + have + (have < total
                    ? " (it ends at byte " + rawSize + "); it is truncated, download it again."
                    : "; it has " + (have - total) + " unexpected trailing bytes from byte " + (headerSize + total)
                    + "; download it again, or check that it is an IDX file."));
        }
        byte[] data = readBounded(file, in, (int) total, dims);
        return new IdxArray(dims, data);
    }

    /** Reads exactly {@code total} bytes, growing the buffer only as bytes arrive, and insists on nothing after them. */
    private static byte[] readBounded(Path file, InputStream in, int total, int[] dims) throws IOException {
        byte[] buffer = new byte[Math.min(total, 1 << 20)];
        int filled = 0;
        while (filled < total) {
            if (filled == buffer.length) {
                try {
                    buffer = Arrays.copyOf(buffer, (int) Math.min(total, 2L * buffer.length));
                } catch (OutOfMemoryError e) {
                    // Real data (a gzip can hold 1000 times its size), but more than this heap holds.
                    throw new InvalidInputException(file + ": the header promises " + total + " data bytes " + Arrays.toString(dims)
                            + ", and after " + filled + " of them there is no memory for more (Java may use "
                            + (Runtime.getRuntime().maxMemory() >> 20) + " MB); give Java more memory (e.g. JAVA_OPTS=-Xmx4g), "
                            + "or check that it is the right file.");
                }
            }
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                throw new InvalidInputException(file + ": the header promises " + total + " data bytes " + Arrays.toString(dims)
                        + " but the data ends after " + filled + "; the file is truncated, download it again.");
            }
            filled += n;
        }
        if (in.read() >= 0) {
            throw new InvalidInputException(file + ": there are bytes after the " + total + " data bytes the header "
                    + Arrays.toString(dims) + " promises (from uncompressed byte " + (total + 4 + 4L * dims.length)
                    + "); the file is corrupt or not an IDX file, download it again.");
        }
        return buffer;
    }

    /** {@code in}, adding the number of bytes read from it to {@code count[0]}. */
    private static InputStream counting(InputStream in, long[] count) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                count[0] += b < 0 ? 0 : 1;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                count[0] += Math.max(n, 0);
                return n;
            }
        };
    }

    private static String describe(int magic) {
        return magic == IMAGES_MAGIC ? "an image file (idx3-ubyte)" : magic == LABELS_MAGIC ? "a label file (idx1-ubyte)" : "IDX";
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }
}
