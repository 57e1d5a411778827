package dev.mlp4j.core.io;

import dev.mlp4j.core.file.InputFiles;
import dev.mlp4j.core.InvalidInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a user's JSON file as text, bounded in size, refusing what is not text with a sentence. */
public final class JsonFiles {
    private JsonFiles() {
    }

    /**
     * The file's text. A file that is not a regular file (see {@link InputFiles}), one over {@code maxBytes}, one that is
     * not UTF-8, or one that cannot be read is refused naming {@code what} (e.g. "mlp4j model"); a missing file is left
     * to the caller, whose advice differs.
     */
    public static String read(Path file, long maxBytes, String what) throws NoSuchFileException {
        byte[] bytes;
        try {
            bytes = InputFiles.readAllBytes(file, maxBytes, what);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + IoErrors.reason(e) + ").", e);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": not a text file, so not an " + what + " (JSON): byte " + firstNonUtf8(bytes)
                    + " is not UTF-8; is it the right file?");
        }
    }

    /** "an mlp4j model", "a verify file". */
    private static String withArticle(String what) {
        return (what.startsWith("mlp4j") || "aeiou".indexOf(what.charAt(0)) >= 0 ? "an " : "a ") + what;
    }

    /** The offset of the first byte that is not UTF-8 text, or -1 (for a message only). */
    private static long firstNonUtf8(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult r = StandardCharsets.UTF_8.newDecoder().decode(in, CharBuffer.allocate(in.remaining()), true);
        return r.isError() ? in.position() : -1;
    }
}
