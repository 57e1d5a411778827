package dev.mlp4j.core.io;

import dev.mlp4j.core.testing.Fifos;
import dev.mlp4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What an atomic write does to what already stands at its target: a special file is refused, not replaced by a
 * regular one; a symbolic link is followed and stays a link; an existing file keeps its permissions. And the checks
 * the CLI makes before it trains, that the target can be written at all.
 */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @Test
    void a_name_as_long_as_the_file_system_allows_is_written_and_a_longer_one_refused_before_writing() throws IOException {
        // 255 bytes is the limit of ext4, tmpfs, xfs and btrfs; the temporary file beside it must not be longer.
        Path longest = dir.resolve("a".repeat(250) + ".json");
        assertNull(AtomicFiles.whyNotWritable(longest));
        AtomicFiles.writeString(longest, "{}");
        assertEquals("{}", Files.readString(longest));
        Path utf8 = dir.resolve("ü".repeat(118) + ".json");
        assertNull(AtomicFiles.whyNotWritable(utf8));
        AtomicFiles.writeString(utf8, "{}");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left");
        }

        String why = AtomicFiles.whyNotWritable(dir.resolve("a".repeat(251) + ".json"));
        assertNotNull(why, "a 256-byte name cannot be created");
        assertTrue(why.contains("name that long"), why);
    }

    @Test
    void a_fifo_is_refused_and_stays_a_fifo() throws Exception {
        Path fifo = Fifos.make(dir.resolve("pipe.json"));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AtomicFiles.writeString(fifo, "{}"));
        assertTrue(e.getMessage().startsWith(fifo + ": is a FIFO (named pipe), not a regular file"), e.getMessage());
        assertEquals("it is a FIFO (named pipe), not a regular file", AtomicFiles.whyNotWritable(fifo));
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo) && !Files.isDirectory(fifo), "still the FIFO");
        assertEquals(List.of(fifo), listing(dir), "no temporary file left");
        // A link to it is refused the same way.
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), fifo.getFileName());
        assertThrows(InvalidInputException.class, () -> AtomicFiles.writeString(link, "{}"));
        assertNotNull(AtomicFiles.whyNotWritable(link));
        assertEquals("it is a FIFO (named pipe), not a folder", AtomicFiles.whyNotFolder(fifo));
    }

    @Test
    void a_symbolic_link_is_followed_and_stays_a_link() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path target = Files.writeString(real.resolve("target.json"), "old");
        // Relative, as `ln -s real/target.json link.json` makes it.
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Paths.get("real", "target.json"));
        AtomicFiles.writeString(link, "new");
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals(Paths.get("real", "target.json"), Files.readSymbolicLink(link));
        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), listing(real), "written in the target's folder, no temporary file left");

        // A chain of links, the last one dangling: the file it names is created.
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.json"), real.resolve("new.json"));
        Path chain = Files.createSymbolicLink(dir.resolve("chain.json"), dangling.getFileName());
        assertNull(AtomicFiles.whyNotWritable(chain));
        AtomicFiles.writeString(chain, "made");
        assertTrue(Files.isSymbolicLink(chain) && Files.isSymbolicLink(dangling));
        assertEquals("made", Files.readString(real.resolve("new.json")));

        // A loop is refused, not followed forever.
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.createSymbolicLink(a, b.getFileName());
        Files.createSymbolicLink(b, a.getFileName());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AtomicFiles.writeString(a, "x"));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertTrue(AtomicFiles.whyNotWritable(a).contains("symbolic link"));
        assertTrue(Files.isSymbolicLink(a) && Files.isSymbolicLink(b));
    }

    @Test
    void an_existing_file_keeps_its_permissions_and_a_new_one_is_ordinary() throws IOException {
        assumeTrue(posix(), "not a POSIX file system");
        Path file = Files.writeString(dir.resolve("private.json"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.writeString(file, "new");
        assertEquals("new", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        // A read-only file is replaced (the folder allows it) and stays read-only.
        Path readOnly = Files.writeString(dir.resolve("read-only.json"), "old");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r-----"));
        AtomicFiles.writeString(readOnly, "new");
        assertEquals("new", Files.readString(readOnly));
        assertEquals("r--r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(readOnly)));

        Path fresh = dir.resolve("fresh.json");
        AtomicFiles.writeString(fresh, "x");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }

    @Test
    void the_checks_before_writing_say_why_a_path_cannot_be_written() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertNull(AtomicFiles.whyNotWritable(dir.resolve("new.json")));
        assertNull(AtomicFiles.whyNotWritable(dir.resolve("a/b/new.json")), "missing folders are created");
        assertNull(AtomicFiles.whyNotWritable(file), "an existing file is replaced");
        assertEquals("it is a folder", AtomicFiles.whyNotWritable(folder));
        assertEquals(file.toAbsolutePath() + " is a file, not a folder", AtomicFiles.whyNotWritable(file.resolve("x/new.json")));

        assertNull(AtomicFiles.whyNotFolder(folder));
        assertNull(AtomicFiles.whyNotFolder(dir.resolve("x/y")));
        assertEquals("it is a file, not a folder", AtomicFiles.whyNotFolder(file));
        assertEquals(file.toAbsolutePath() + " is a file, not a folder", AtomicFiles.whyNotFolder(file.resolve("sub")));
        assertEquals(List.of(file, folder), listing(dir), "the checks leave nothing behind");
        assertFalse(Files.exists(dir.resolve("x"), LinkOption.NOFOLLOW_LINKS), "the checks create no folder");
    }

    @Test
    void a_folder_that_takes_no_new_files_is_found_before_writing() {
        // /proc takes no new files, even for root, whose permissions would let it write anywhere.
        Path proc = Paths.get("/proc");
        assumeTrue(Files.isDirectory(proc.resolve("self")), "no /proc here");
        String why = AtomicFiles.whyNotWritable(proc.resolve("x.json"));
        assertNotNull(why);
        assertTrue(why.startsWith("cannot create files in /proc ("), why);
        assertTrue(AtomicFiles.whyNotFolder(proc.resolve("report")).startsWith("cannot create files in /proc ("));
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
