package dev.mlp4j.cli.train.output;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.io.IoErrors;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A run's hold on its checkpoint folder until it ends, taken after the folder's first check and followed by a second
 * check of a fresh folder, so that two runs given the same folder at once cannot both find it free and then write
 * over each other's checkpoints. An operating-system
 * lock on {@value #FILE_NAME} in the folder: released when the run ends or its process dies, however it dies. The
 * file itself stays; deleting it would let a third run lock a new file while a second still holds the old one.
 */
final class CheckpointLock implements AutoCloseable {
    static final String FILE_NAME = "checkpoint.lock";

    private final FileChannel channel;

    private CheckpointLock(FileChannel channel) {
        this.channel = channel;
    }

    /** Takes the folder (creating it), or refuses when another run holds it; {@code dir} is checked already. */
    static CheckpointLock take(Path dir) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // Held by another run in this same JVM (a program that embeds mlp4j).
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new InvalidInputException("Another mlp4j run is writing its checkpoints to " + dir
                        + " now; wait for it to end, or give this run another --checkpoint folder.");
            }
            return new CheckpointLock(channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new InvalidInputException("Cannot lock the checkpoint folder " + dir + " (" + dir.resolve(FILE_NAME) + ": "
                    + IoErrors.reason(e) + "); give another --checkpoint folder.", e);
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // Closing releases the lock; the operating system releases it anyway when the process ends.
        }
    }
}
