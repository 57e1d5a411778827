package dev.mlp4j.core.io;

import dev.mlp4j.core.file.FileKind;
import dev.mlp4j.core.InvalidInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that a crash at any moment leaves either the old file or the complete new one, never a torn
 * mix: write a temporary file beside it, force it to disk, then rename it over the target.
 *
 * <p>A target that is a symbolic link stays one: the file it points to is replaced (in that file's folder). An
 * existing file keeps its permissions (and, where the process may set them, its owner and group). A target that
 * exists but is not a regular file (a device such as /dev/null, a FIFO, a socket) is refused, since renaming over
 * it would replace it with a regular file.
 */
public final class AtomicFiles {
    /** Begins every temporary file's name, so a stray one (after kill -9) says whose it is. */
    private static final String TEMP_PREFIX = ".mlp4j-";
    /** What {@link #kind} calls a folder; compared against, so said once. */
    private static final String FOLDER = "a folder";

    /** Links followed before a target counts as a loop; Linux's own limit. */
    private static final int MAX_LINKS = 40;

    private AtomicFiles() {
    }

    /** Writes a file's whole content to the stream it is given. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the content; the stream is flushed, forced to disk and closed afterwards.
         *
         * @param out the stream of the temporary file that becomes the target
         * @throws IOException when writing fails; the target is then left as it was
         */
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} through {@code writer}, replacing any old file only once the new one is complete.
     *
     * @param target the file to write; a symbolic link is followed and the file it points to replaced
     * @param writer writes the content
     * @throws IOException when the file system refuses, or the writer fails; the target is then left as it was. A
     *                     refusal of the file system names {@code target} (not the temporary file) and says why.
     * @throws InvalidInputException when {@code target} is a folder or not a regular file, or its folder is a file
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path file = followLinks(target);
        Path dir = file.getParent();
        // Said before anything is written: otherwise the rename at the end fails with a bare "Is a directory", or
        // replaces a device with a regular file.
        String kind = kind(file);
        if (kind != null) {
            throw new InvalidInputException(kind.equals(FOLDER)
                    ? target + ": is a folder; name a file to write, e.g. " + target.resolve("out.json") + "."
                    : target + ": is " + kind + ", not a regular file; name a file to write.");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException(target + ": cannot be written because " + dir + " is a file, not a folder; name a file in a folder.");
        }
        PosixFileAttributes previous = posixAttributes(file);
        Path temp;
        try {
            Files.createDirectories(dir);
            // A short name of its own, not the target's plus a suffix: a target whose name is as long as the file system
            // allows must still be writable.
            temp = Files.createTempFile(dir, TEMP_PREFIX, ".tmp");
        } catch (IOException e) {
            throw notWritten(target, e);
        }
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = Channels.newOutputStream(channel)) {
                writer.write(out);
                out.flush();
                channel.force(true);
            }
            try {
                // After writing: a read-only original's permissions would keep the temporary file from being written.
                keepAttributes(temp, previous);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw notWritten(target, e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A failure of the file system's part of a write, told of {@code target}: Java's own names the temporary file,
     * which the caller never heard of. The writer's own failures are not passed through here.
     */
    private static IOException notWritten(Path target, IOException e) {
        String why = whyNotWritable(target);
        NotWrittenException failure = new NotWrittenException(target.toString(), why != null ? why : IoErrors.reason(e));
        failure.initCause(e);
        return failure;
    }

    /**
     * A write that failed, naming the file that was to be written and why, in one sentence. The reason alone
     * ({@link FileSystemException#getReason}) reads on after "Cannot write the model to FILE: ".
     */
    private static final class NotWrittenException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        NotWrittenException(String file, String reason) {
            super(file, null, reason);
        }

        @Override
        public String getMessage() {
            return "Cannot write " + getFile() + ": " + getReason() + "; write to another file.";
        }
    }

    /**
     * Writes {@code text} as UTF-8, atomically, as {@link #write} does.
     *
     * @param target the file to write
     * @param text   its new content
     * @throws IOException when the file system refuses; the target is then left as it was
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Why {@link #write} could not write {@code target}, as far as can be told before writing it, or null when
     * nothing stands in the way: a folder or a special file there, a file where its folder should be, or a folder
     * (or the nearest one that exists) that does not take new files. That last is found out by creating and
     * deleting an empty temporary file there, since permissions alone do not tell (as root, or under /proc).
     *
     * @param target a file to be written later
     * @return a phrase such as "it is a folder" or "cannot create files in /proc (no such file or folder)", or null
     */
    public static String whyNotWritable(Path target) {
        Path file;
        try {
            file = followLinks(target);
        } catch (InvalidInputException e) {
            return "it is a symbolic link that leads to itself, or through more than " + MAX_LINKS + " links";
        } catch (IOException e) {
            return "its symbolic link cannot be read (" + IoErrors.reason(e) + ")";
        }
        String kind = kind(file);
        if (FOLDER.equals(kind)) {
            return "it is a folder";
        }
        if (kind != null) {
            return "it is " + kind + ", not a regular file";
        }
        String why = whyNoNewFiles(file.getParent());
        return why != null || Files.exists(file) ? why : whyNameRefused(file);
    }

    /**
     * Why the file system would refuse a new file with a name as long as {@code file}'s, or null: a probe file with
     * a name of the same length in UTF-8 is created and deleted in the nearest folder that exists.
     */
    private static String whyNameRefused(Path file) {
        Path existing = file.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return null;
        }
        String name = file.getFileName().toString();
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        String random = Long.toHexString(ThreadLocalRandom.current().nextLong());
        String probeName = TEMP_PREFIX + random + "x".repeat(Math.max(0, bytes - TEMP_PREFIX.length() - random.length()));
        try {
            Files.delete(Files.createFile(existing.resolve(probeName)));
            return null;
        } catch (IOException e) {
            return "the file system does not take a name that long (" + IoErrors.reason(e) + ")";
        }
    }

    /**
     * Why files could not be written into folder {@code dir} (creating it where it is missing), as far as can be
     * told before writing them, or null when nothing stands in the way; as {@link #whyNotWritable}, by creating and
     * deleting an empty temporary file in it (or in the nearest folder above it that exists).
     *
     * @param dir a folder to write files into later
     * @return a phrase such as "it is a file, not a folder", or null
     */
    public static String whyNotFolder(Path dir) {
        if (Files.isRegularFile(dir)) {
            return "it is a file, not a folder";
        }
        String kind = kind(dir.toAbsolutePath());
        if (kind != null && !kind.equals(FOLDER)) {
            return "it is " + kind + ", not a folder";
        }
        return whyNoNewFiles(dir.toAbsolutePath());
    }

    /**
     * The file a write to {@code target} replaces: {@code target} itself (absolute), or the file at the end of its
     * chain of symbolic links, which need not exist yet.
     */
    private static Path followLinks(Path target) throws IOException {
        Path p = target.toAbsolutePath();
        for (int i = 0; Files.isSymbolicLink(p); i++) {
            if (i == MAX_LINKS) {
                throw new InvalidInputException(target + ": is a symbolic link that leads to itself, or through more than "
                        + MAX_LINKS + " links; name a file to write.");
            }
            p = p.getParent().resolve(Files.readSymbolicLink(p));
        }
        return p;
    }

    /** Null when nothing is at {@code p} or it is a regular file; else "a folder", "a FIFO", "a character device", .... */
    private static String kind(Path p) {
        FileKind kind = FileKind.of(p);
        return switch (kind) {
            case REGULAR, MISSING, DANGLING_LINK, LINK_LOOP, UNREADABLE_LINK, INACCESSIBLE -> null;
            default -> kind.words();
        };
    }

    /** Why no new file can be made in {@code dir} (created where missing), or null. */
    private static String whyNoNewFiles(Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return "none of the folders above it exist";
        }
        if (!Files.isDirectory(existing)) {
            return existing + " is a file, not a folder";
        }
        try {
            Path probe = Files.createTempFile(existing, TEMP_PREFIX, ".probe");
            Files.delete(probe);
            return null;
        } catch (IOException e) {
            return "cannot create files in " + existing + " (" + IoErrors.reason(e) + ")";
        }
    }

    private static PosixFileAttributes posixAttributes(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readAttributes(file, PosixFileAttributes.class);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Gives the new file the old one's permissions, owner and group; a new file is an ordinary one (0644), not
     * createTempFile's private 0600. Owner and group only where the process may set them (as root).
     */
    private static void keepAttributes(Path temp, PosixFileAttributes previous) throws IOException {
        try {
            if (previous == null) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
                return;
            }
            PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
            if (view == null) {
                return;
            }
            try {
                if (!view.readAttributes().owner().equals(previous.owner())) {
                    view.setOwner(previous.owner());
                }
                if (!view.readAttributes().group().equals(previous.group())) {
                    view.setGroup(previous.group());
                }
            } catch (IOException e) {
                // Not allowed to give the file away: it stays the writer's, as any new file would.
            }
            Files.setPosixFilePermissions(temp, previous.permissions());
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its default permissions stand.
        }
    }
}
