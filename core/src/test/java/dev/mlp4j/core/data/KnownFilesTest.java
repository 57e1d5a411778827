package dev.mlp4j.core.data;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.DataLocator.Dataset;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data sets' files are recognised by their content, compressed or not, and nothing else is taken for them. */
class KnownFilesTest {

    /** Where a data set's published files are on this machine, or null. */
    private static Path published(Dataset dataset) {
        DataFolder folder = DataLocator.locate(null, dataset);
        return folder == null || folder.dataset() != dataset ? null : folder.dir();
    }

    @Test
    void each_entry_is_the_published_file_its_md5_names() throws Exception {
        int checked = 0;
        for (Dataset dataset : Dataset.values()) {
            Path dir = published(dataset);
            if (dir == null) {
                continue;
            }
            for (KnownFiles.KnownFile k : KnownFiles.ALL) {
                if (k.dataset() != dataset) {
                    continue;
                }
                // The full content, hashed both ways: the table's CRC-32 belongs to the file whose MD5 is published.
                MessageDigest md5 = MessageDigest.getInstance("MD5");
                CRC32 crc = new CRC32();
                long size = 0;
                try (InputStream in = open(MnistFiles.find(dir, k.name()))) {
                    byte[] buffer = new byte[1 << 16];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        md5.update(buffer, 0, n);
                        crc.update(buffer, 0, n);
                        size += n;
                    }
                }
                assertEquals(k.md5(), HexFormat.of().formatHex(md5.digest()), k.toString());
                assertEquals(k.crc32(), crc.getValue(), k.toString());
                assertEquals(k.size(), size, k.toString());
                checked++;
            }
            assertEquals(dataset, new DataFolder(dir, "default", KnownFiles.recognise(dir)).dataset());
        }
        Assumptions.assumeTrue(checked > 0, "neither MNIST nor Fashion-MNIST found (see README 'Getting MNIST'); nothing to check");
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }

    @Test
    void a_gzip_file_and_its_uncompressed_copy_have_one_checksum() throws IOException {
        ContentChecksum gz = ContentChecksum.of(Fixtures.path("idx/tiny-labels-idx1-ubyte.gz"));
        ContentChecksum raw = ContentChecksum.of(Fixtures.path("idx/tiny-labels-idx1-ubyte"));
        assertEquals(raw, gz);
        assertEquals(Files.size(Fixtures.path("idx/tiny-labels-idx1-ubyte")), raw.size());
    }

    @Test
    void other_idx_files_are_no_known_data_set() {
        DataFolder folder = new DataFolder(Fixtures.miniMnist(), "--data", KnownFiles.recognise(Fixtures.miniMnist()));
        assertTrue(folder.known().isEmpty(), folder.known().toString());
        assertNull(folder.dataset());
        assertEquals("unknown", folder.name());
        // Unknown files are not another data set's: nothing to refuse, whichever was asked for.
        folder.requireNoneOtherThan(Dataset.FASHION_MNIST);
        folder.requireNoneOtherThan(Dataset.MNIST);
    }

    /** What makes the trailer's checksum trustworthy: the loader reads a .gz to its end and checks it. */
    @Test
    void a_gzip_file_whose_content_differs_from_its_trailer_is_not_read(@TempDir Path dir) throws IOException {
        byte[] bytes = Fixtures.bytes("idx/tiny-labels-idx1-ubyte.gz");
        bytes[bytes.length - 8] ^= 1;
        Path file = Files.write(dir.resolve("tiny-labels-idx1-ubyte.gz"), bytes);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxReader.readLabels(file, 10));
        assertTrue(e.getMessage().contains("not a valid gzip file"), e.getMessage());
    }
}
