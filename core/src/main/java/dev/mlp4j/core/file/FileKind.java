package dev.mlp4j.core.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * What a path names, following links, in the words a message uses: a reader may open only a {@link #REGULAR} file,
 * since a named pipe waits for a writer without end and a device such as /dev/zero never ends.
 */
public enum FileKind {
    REGULAR("a regular file"),
    FOLDER("a folder"),
    MISSING("missing"),
    DANGLING_LINK("a link to nothing"),
    LINK_LOOP("a loop of symbolic links"),
    UNREADABLE_LINK("a symbolic link that cannot be followed"),
    /** Its attributes cannot be read (a folder on the way without permission, a name too long): opening it will say why. */
    INACCESSIBLE("a path that cannot be looked at"),
    NAMED_PIPE("a FIFO (named pipe)"),
    CHARACTER_DEVICE("a character device"),
    BLOCK_DEVICE("a block device"),
    SOCKET("a socket"),
    SPECIAL("a special file");

    /** The file-type bits of a Unix mode (S_IFMT) and their values. */
    private static final int TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER = 0020000;
    private static final int BLOCK = 0060000;
    private static final int SOCKET_TYPE = 0140000;
    /** Linux follows at most 40 links in a row (MAXSYMLINKS). */
    private static final int MAX_LINKS = 40;

    private final String words;

    FileKind(String words) {
        this.words = words;
    }

    /** True for what never ends or waits for a writer when read: pipes, devices, sockets. */
    public boolean isSpecial() {
        return this == NAMED_PIPE || this == CHARACTER_DEVICE || this == BLOCK_DEVICE || this == SOCKET || this == SPECIAL;
    }

    /** "a FIFO (named pipe)", "a folder", ... */
    public String words() {
        return words;
    }

    /** What {@code path} is once links are followed; never opens it, so it cannot block. */
    public static FileKind of(Path path) {
        BasicFileAttributes target;
        try {
            target = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Files.isSymbolicLink(path) ? DANGLING_LINK : MISSING;
        } catch (IOException e) {
            return Files.isSymbolicLink(path) ? (loops(path) ? LINK_LOOP : UNREADABLE_LINK) : INACCESSIBLE;
        }
        if (target.isRegularFile()) {
            return REGULAR;
        }
        if (target.isDirectory()) {
            return FOLDER;
        }
        return special(path);
    }

    /**
     * {@code path} in words for a message that already names it: "a FIFO (named pipe)", "a link to /dev/zero, which
     * is a character device", "a loop of symbolic links".
     */
    public static String describe(Path path) {
        FileKind kind = of(path);
        if (kind == DANGLING_LINK || kind == LINK_LOOP || kind == UNREADABLE_LINK || !Files.isSymbolicLink(path)) {
            return kind.words;
        }
        try {
            return "a link to " + Files.readSymbolicLink(path) + ", which is " + kind.words;
        } catch (IOException | UnsupportedOperationException e) {
            return "a link to " + kind.words;
        }
    }

    /** A device, pipe or socket, told apart by the Unix mode where the file system has one. */
    private static FileKind special(Path path) {
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode") & TYPE_MASK;
            return switch (type) {
                case FIFO -> NAMED_PIPE;
                case CHARACTER -> CHARACTER_DEVICE;
                case BLOCK -> BLOCK_DEVICE;
                case SOCKET_TYPE -> SOCKET;
                default -> SPECIAL;
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return SPECIAL;
        }
    }

    /** True when following {@code link}'s chain of links comes back to one already seen. */
    private static boolean loops(Path link) {
        Set<Path> seen = new HashSet<>();
        Path at = link.toAbsolutePath().normalize();
        for (int i = 0; i <= MAX_LINKS && Files.isSymbolicLink(at); i++) {
            if (!seen.add(at)) {
                return true;
            }
            try {
                Path parent = at.getParent();
                Path next = Files.readSymbolicLink(at);
                at = (parent == null ? next : parent.resolve(next)).toAbsolutePath().normalize();
            } catch (IOException e) {
                return false;
            }
        }
        return Files.isSymbolicLink(at);
    }
}
