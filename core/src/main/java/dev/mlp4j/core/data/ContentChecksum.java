package dev.mlp4j.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * The CRC-32 and length of a file's content, uncompressed: what tells the known data sets' files from each other
 * and from any other file, compressed or not.
 *
 * <p>Why CRC-32 and not the published MD5 or SHA-256: every run looks at the files, and a cryptographic hash of
 * MNIST's 47 MB of training images costs about 100 ms (more when decompressed first), while a gzip file carries the
 * CRC-32 and length of its content in its last 8 bytes, and the JDK computes a CRC-32 of an uncompressed file at
 * several GB/s (about 20 ms for the same images). The trailer is only a claim, but the loader checks it: reading a
 * .gz to its end, as {@link IdxReader} does, fails on a content whose CRC-32 differs from the trailer's. So the
 * data a run reads is the data recognised. A 32-bit checksum plus the exact length cannot be matched by accident;
 * it guards against the wrong files, not against files made to deceive.
 *
 * @param size  the content's length in bytes (modulo 2^32 for a gzip file, as its trailer keeps it)
 * @param crc32 the content's CRC-32
 */
public record ContentChecksum(long size, long crc32) {

    /** The checksum of {@code file}'s content: read from the trailer of a gzip file, computed for any other. */
    public static ContentChecksum of(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            long length = channel.size();
            ByteBuffer head = readAt(channel, 0, 2);
            // Decided by content, as the loader decides, not by the file's name.
            boolean gzip = head.position() == 2 && (head.get(0) & 0xFF) == 0x1F && (head.get(1) & 0xFF) == 0x8B;
            if (gzip && length >= 18) {
                ByteBuffer trailer = readAt(channel, length - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
                return new ContentChecksum(trailer.getInt(4) & 0xFFFFFFFFL, trailer.getInt(0) & 0xFFFFFFFFL);
            }
        }
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
                size += n;
            }
        }
        return new ContentChecksum(size, crc.getValue());
    }

    /** Up to {@code n} bytes from {@code position}: fewer only where the file ends. */
    private static ByteBuffer readAt(FileChannel channel, long position, int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(n);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
            // A read may stop short of what was asked; go on from where it stopped.
        }
        return buffer;
    }
}
