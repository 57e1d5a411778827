package dev.mlp4j.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** I/O failures in words, for the sentences that say what was being done when one happened. */
public final class IoErrors {
    private IoErrors() {
    }

    /**
     * The reason an I/O operation failed, in words: the operating system's where Java keeps it ("Read-only file
     * system", "No space left on device"), else the kind of failure ("permission denied", "no such file or folder").
     * Java's own messages of these failures are only the file's name.
     *
     * @param e the failure
     * @return a phrase without the file's name
     */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            if (f.getReason() != null && !f.getReason().isBlank()) {
                return f.getReason();
            }
            if (e instanceof AccessDeniedException) {
                return "permission denied";
            }
            if (e instanceof NoSuchFileException) {
                return "no such file or folder";
            }
            if (e instanceof FileAlreadyExistsException) {
                return "a file of that name is in the way";
            }
            if (e instanceof NotDirectoryException) {
                return "not a folder";
            }
            if (e instanceof DirectoryNotEmptyException) {
                return "the folder is not empty";
            }
            return "the file system refused (" + e.getClass().getSimpleName() + ")";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
