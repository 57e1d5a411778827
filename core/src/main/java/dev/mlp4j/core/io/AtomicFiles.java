package dev.mlp4j.core.io;

import dev.mlp4j.core.InvalidInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a crash at any moment leaves either the old file or the complete new one, never a torn
 * mix: write a temporary file beside it, force it to disk, then rename it over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes a file's whole content to the stream it is given. */
    @FunctionalInterface
    public interface Writer {
        /** Writes the content; the stream is flushed, forced to disk and closed afterwards. */
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} through {@code writer}, replacing any old file only once the new one is complete.
     *
     * @throws InvalidInputException when {@code target} is a folder or its parent is a file
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // Said before anything is written: otherwise the rename at the end fails with a bare "Is a directory".
        if (Files.isDirectory(target)) {
            throw new InvalidInputException(target + ": is a folder; name a file to write, e.g. " + target.resolve("out.json") + ".");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException(target + ": cannot be written because " + dir + " is a file, not a folder; name a file in a folder.");
        }
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        // createTempFile makes the file private (0600); a saved model or report is an ordinary file (0644).
        try {
            Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its default permissions stand.
        }
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                writer.write(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes {@code text} as UTF-8, atomically, as {@link #write} does. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
