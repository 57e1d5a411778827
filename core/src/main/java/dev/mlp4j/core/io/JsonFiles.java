package dev.mlp4j.core.io;

import dev.mlp4j.core.InvalidInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a user's JSON file as text, bounded in size, refusing what is not text with a sentence. */
public final class JsonFiles {
    private JsonFiles() {
    }

    /**
     * The file's text. A file over {@code maxBytes}, one that is not UTF-8, or one that cannot be read is refused
     * naming {@code what} (e.g. "mlp4j model"); a missing file is left to the caller, whose advice differs.
     */
    public static String read(Path file, long maxBytes, String what) throws NoSuchFileException {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new InvalidInputException(file + ": " + size + " bytes is larger than any " + what + " ("
                        + maxBytes + " bytes at most); is it the right file?");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (MalformedInputException e) {
            throw new InvalidInputException(file + ": not a text file, so not an " + what + " (JSON): byte " + firstNonUtf8(file)
                    + " is not UTF-8; is it the right file?");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ").", e);
        }
    }

    /** The offset of the first byte that is not UTF-8 text, or -1 (for a message only). */
    private static long firstNonUtf8(Path file) {
        try {
            ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
            CoderResult r = StandardCharsets.UTF_8.newDecoder().decode(in, CharBuffer.allocate(in.remaining()), true);
            return r.isError() ? in.position() : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
