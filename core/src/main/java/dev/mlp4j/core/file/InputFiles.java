package dev.mlp4j.core.file;

import dev.mlp4j.core.InvalidInputException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens a user's file for reading, the one way every reader of models, checkpoints, verify files, data and CSV does:
 * only a regular file (a named pipe would wait for a writer without end, a device such as /dev/zero never ends), and
 * never more than a bound of bytes, counted as they are read (a file's reported size says nothing for a device or a
 * file still growing).
 */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * Refuses {@code file} with a sentence unless it is a regular file (links followed). A missing file is left to the
     * caller, whose advice differs.
     *
     * @param what what the file should be, for the sentence, e.g. "mlp4j model" or "CSV file"
     */
    public static void requireRegular(Path file, String what) throws NoSuchFileException {
        FileKind kind = FileKind.of(file);
        switch (kind) {
            case MISSING -> throw new NoSuchFileException(file.toString());
            case REGULAR, INACCESSIBLE, UNREADABLE_LINK -> {
                // Nothing blocks here; opening the file names the reason it cannot be read.
            }
            default -> throw new InvalidInputException(file + " is " + FileKind.describe(file) + ", not a regular file; give the " + what
                    + (kind.isSpecial() ? " as a regular file (mlp4j reads no pipes or devices, which may never end)" : " itself") + ".");
        }
    }

    /**
     * {@code file} opened for reading after {@link #requireRegular}; reading past {@code maxBytes} bytes fails with
     * an {@link InvalidInputException} that names the file and the bound.
     */
    public static InputStream open(Path file, long maxBytes, String what) throws IOException {
        requireRegular(file, what);
        long size = Files.size(file);
        if (size > maxBytes) {
            throw tooLarge(file, size + " bytes", maxBytes, what);
        }
        return bounded(Files.newInputStream(file), file, maxBytes, what);
    }

    /** All of {@code file}'s bytes, at most {@code maxBytes}, as {@link #open} reads them. */
    public static byte[] readAllBytes(Path file, long maxBytes, String what) throws IOException {
        try (InputStream in = open(file, maxBytes, what)) {
            return in.readAllBytes();
        }
    }

    /** {@code in}, failing once more than {@code maxBytes} bytes have come through it. */
    static InputStream bounded(InputStream in, Path file, long maxBytes, String what) {
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    counted(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    counted(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                counted(skipped);
                return skipped;
            }

            @Override
            public boolean markSupported() {
                // A reset would count bytes twice.
                return false;
            }

            private void counted(long n) {
                count += n;
                if (count > maxBytes) {
                    throw tooLarge(file, "more than " + maxBytes + " bytes", maxBytes, what);
                }
            }
        };
    }

    private static InvalidInputException tooLarge(Path file, String size, long maxBytes, String what) {
        return new InvalidInputException(file + ": " + size + " is more than the " + maxBytes + " bytes mlp4j reads from one " + what
                + "; is it the right file?");
    }
}
