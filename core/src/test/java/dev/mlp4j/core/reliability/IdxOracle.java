package dev.mlp4j.core.reliability;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What a correct IDX reader must make of a file, decided from the IDX definition alone (written here again, not
 * shared with {@code IdxReader}): either the exact dimensions and bytes, or a refusal.
 */
final class IdxOracle {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxOracle() {
    }

    /** The expected result: dims and data when valid, else null with the reason. */
    record Expected(int[] dims, byte[] data, String whyInvalid) {
        boolean valid() {
            return whyInvalid == null;
        }
    }

    static Expected expect(byte[] file, boolean images, int classes) {
        byte[] content = file;
        if (file.length >= 2 && (file[0] & 0xFF) == 0x1F && (file[1] & 0xFF) == 0x8B) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(file))) {
                content = in.readAllBytes();
            } catch (IOException e) {
                return invalid("gzip: " + e);
            }
        }
        int rank = images ? 3 : 1;
        if (content.length < 4) {
            return invalid("shorter than a magic number");
        }
        ByteBuffer b = ByteBuffer.wrap(content);
        int magic = b.getInt();
        if (magic != (images ? IMAGES_MAGIC : LABELS_MAGIC)) {
            return invalid("magic " + magic);
        }
        if (content.length < 4 + 4 * rank) {
            return invalid("header cut short");
        }
        int[] dims = new int[rank];
        long product = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = b.getInt();
            if (dims[i] < 0 || (i > 0 && dims[i] == 0)) {
                return invalid("dimension " + i + " = " + dims[i]);
            }
            // Capped so the product cannot wrap: anything above 2^31 is too large anyway, and later sizes are >= 1.
            product = Math.min(product, 1L << 31) * dims[i];
        }
        if (product > Integer.MAX_VALUE - 16) {
            return invalid("more than an array holds");
        }
        int header = 4 + 4 * rank;
        if (content.length - header != product) {
            return invalid("data length " + (content.length - header) + " != " + product);
        }
        byte[] data = Arrays.copyOfRange(content, header, content.length);
        if (!images) {
            for (int i = 0; i < data.length; i++) {
                if ((data[i] & 0xFF) >= classes) {
                    return invalid("label " + (data[i] & 0xFF) + " at item " + i);
                }
            }
        }
        return new Expected(dims, data, null);
    }

    private static Expected invalid(String why) {
        return new Expected(null, null, why);
    }

    /** An IDX file: magic, sizes, data, big-endian. */
    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] content) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                gz.write(content);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
