package dev.mlp4j.cli.train.output;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.io.IoErrors;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A run's hold on an output another run could write at the same time (the --save file, through a lock file beside
 * it; the report folder, through one in it), taken before training and held until the run ends: an operating-system
 * lock, released however the process ends. Unlike the checkpoint folder's, the lock file is deleted when the run
 * ends, so that no {@code model.json.lock} stays beside a saved model; a run that takes it therefore checks, once
 * it holds the lock, that the file it locked is still the one under that name (a run that just ended may have
 * deleted it meanwhile, and a third made a new one).
 */
final class OutputLock implements AutoCloseable {
    /** How often a lock file that was replaced while it was being taken is tried again. */
    private static final int TRIES = 5;

    private final Path file;
    private final FileChannel channel;
    /** What identifies the locked file; null where the file system gives nothing, and the file is then kept. */
    private final Object key;

    private OutputLock(Path file, FileChannel channel, Object key) {
        this.file = file;
        this.channel = channel;
        this.key = key;
    }

    /**
     * Takes {@code file} (creating it and its folder), or refuses with {@code heldMessage} when another run holds it.
     *
     * @param fix what to give instead where the lock file cannot be made, e.g. "give another --save file"
     */
    static OutputLock take(Path file, String heldMessage, String fix) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            for (int i = 0; i < TRIES; i++) {
                OutputLock lock = tryTake(file, heldMessage);
                if (lock != null) {
                    return lock;
                }
            }
            throw new IOException("it was replaced " + TRIES + " times while it was being locked");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot lock " + file + " (" + IoErrors.reason(e) + "); " + fix + ".", e);
        }
    }

    /** The lock, or null when the file under the name changed while it was taken. */
    private static OutputLock tryTake(Path file, String heldMessage) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            Object opened = key(file);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // Held by another run in this same JVM (a program that embeds mlp4j).
                lock = null;
            }
            if (lock == null) {
                throw new InvalidInputException(heldMessage);
            }
            Object locked = key(file);
            if (opened != null && !opened.equals(locked)) {
                channel.close();
                return null;
            }
            return new OutputLock(file, channel, opened);
        } catch (NoSuchFileException e) {
            channel.close();
            return null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Whether another run holds the lock {@code file} (a shared lock cannot be had): for outputs of this run that lie
     * where another run writes. Never creates the file.
     */
    static boolean heldByAnother(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            // Unreadable (or gone): no run of this user can hold it either.
            return false;
        }
    }

    private static Object key(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** Deletes the lock file while still holding it (only an empty file that is still the one locked), then lets go. */
    @Override
    public void close() {
        try {
            if (key != null && Objects.equals(key, key(file)) && Files.size(file) == 0) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // Left behind: harmless, the next run takes it over.
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Closing releases the lock; the operating system releases it anyway when the process ends.
        }
    }
}
