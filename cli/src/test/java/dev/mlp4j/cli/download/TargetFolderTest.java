package dev.mlp4j.cli.download;

import dev.mlp4j.core.testing.Fifos;
import dev.mlp4j.core.data.DataLocator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What stops a download before it starts: things that are not files under the names, and another data set's files. */
class TargetFolderTest {
    private static final String NAME = "data.gz";
    private static final byte[] MINE = "the images of the data set being fetched".getBytes();
    private static final byte[] THEIRS = "the images of another data set".getBytes();
    private static final DatasetSource WANTED = source(DataLocator.Dataset.FASHION_MNIST, MINE);
    private static final List<DatasetSource> OTHERS = List.of(source(DataLocator.Dataset.MNIST, THEIRS));

    @TempDir
    Path dir;

    private static DatasetSource source(DataLocator.Dataset dataset, byte[] content) {
        try {
            Digest d = Digest.sha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
            return new DatasetSource(dataset, List.of(URI.create("http://127.0.0.1:1/")), List.of(new RemoteFile(NAME, List.of(d))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String obstacle() throws Exception {
        return TargetFolder.obstacle(WANTED, OTHERS, dir, "--dir");
    }

    @Test
    void another_data_sets_complete_file_is_not_replaced_but_a_partial_or_own_one_is_no_obstacle() throws Exception {
        assertNull(obstacle(), "an empty folder");
        Files.write(dir.resolve(NAME), MINE);
        assertNull(obstacle(), "the wanted file itself");
        Files.write(dir.resolve(NAME), "a partial or corrupt copy".getBytes());
        assertNull(obstacle(), "a damaged copy is replaced, as before");
        Files.write(dir.resolve(NAME), THEIRS);
        String why = obstacle();
        assertEquals(dir.resolve(NAME) + " is a complete mnist file, which a fashion-mnist download would replace; give another --dir, e.g. --dir "
                + dir.resolveSibling("fashion-mnist") + ".", why);
    }

    @Test
    void a_folder_or_a_fifo_under_a_files_name_or_its_part_is_refused() throws Exception {
        Files.createDirectory(dir.resolve(NAME));
        assertEquals(dir.resolve(NAME) + " cannot be replaced by the download (it is a folder); move it away or give another --dir.", obstacle());
        Files.delete(dir.resolve(NAME));

        Path part = dir.resolve(NAME + ".part");
        Fifos.make(part);
        String why = obstacle();
        assertTrue(why.startsWith(part + " cannot be replaced by the download (it is a FIFO (named pipe), not a regular file)"), why);
    }
}
