package dev.mlp4j.cli.download;

import dev.mlp4j.cli.progress.ProgressDisplay;
import dev.mlp4j.core.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Downloads from a local server only: mirrors that fail, cut files short, corrupt or stall them; resumed parts;
 * and never a wrong file under the final name.
 */
class DownloaderTest {
    private static final String NAME = "data.gz";
    private static final byte[] CONTENT = new byte[300_000];
    private static final RemoteFile FILE;

    static {
        new Random(42).nextBytes(CONTENT);
        try {
            FILE = new RemoteFile(NAME, List.of(Digest.sha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CONTENT)))));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @TempDir
    Path dir;
    private MirrorServer server;
    private Downloader downloader;

    @BeforeEach
    void start() throws IOException {
        server = new MirrorServer(Map.of(NAME, CONTENT));
        downloader = new Downloader(new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(400)), ProgressDisplay.none());
    }

    @AfterEach
    void stop() {
        downloader.close();
        server.close();
    }

    private FetchResult fetch(URI... mirrors) throws IOException {
        return downloader.fetch(FILE, List.of(mirrors), dir);
    }

    private void assertGoodFileAndNoPart() throws IOException {
        assertArrayEquals(CONTENT, Files.readAllBytes(dir.resolve(NAME)));
        assertFalse(Files.exists(dir.resolve(NAME + ".part")));
    }

    @Test
    void a_failing_mirror_is_skipped_for_the_next_and_a_verified_file_is_not_fetched_again() throws IOException {
        URI failing = server.mirror("a", MirrorServer.Behaviour.FAILS);
        URI good = server.mirror("b", MirrorServer.Behaviour.GOOD);
        FetchResult r = fetch(failing, good);
        assertEquals(FetchResult.Status.DOWNLOADED, r.status());
        assertEquals(good.resolve(NAME), r.from());
        assertEquals(CONTENT.length, r.bytes());
        assertGoodFileAndNoPart();
        assertEquals(1, server.requestsTo("a").size());

        int before = server.requests.size();
        FetchResult again = fetch(failing, good);
        assertEquals(FetchResult.Status.PRESENT, again.status());
        assertNull(again.from());
        assertEquals(before, server.requests.size(), "no request for a file already verified");
    }

    @Test
    void truncated_and_corrupted_copies_are_refused_and_never_kept_under_the_final_name() throws IOException {
        URI truncated = server.mirror("short", MirrorServer.Behaviour.TRUNCATED);
        URI corrupted = server.mirror("bad", MirrorServer.Behaviour.CORRUPTED);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> fetch(truncated, corrupted));
        assertTrue(e.getMessage().startsWith("Could not download data.gz ("), e.getMessage());
        assertTrue(e.getMessage().contains(truncated.resolve(NAME) + ": the file's checksum differs from the published one"), e.getMessage());
        assertTrue(e.getMessage().contains(corrupted.resolve(NAME) + ": the file's checksum differs from the published one"), e.getMessage());
        assertTrue(e.getMessage().contains("the copies are corrupt") && !e.getMessage().contains("network connection"),
                "a wrong checksum is not a connection problem: " + e.getMessage());
        assertFalse(Files.exists(dir.resolve(NAME)));
        assertFalse(Files.exists(dir.resolve(NAME + ".part")), "a part known to be wrong is not kept for resuming");

        URI good = server.mirror("good", MirrorServer.Behaviour.GOOD);
        assertEquals(FetchResult.Status.DOWNLOADED, fetch(truncated, corrupted, good).status());
        assertGoodFileAndNoPart();
    }

    @Test
    void a_part_left_behind_is_continued_with_a_range_request() throws IOException {
        Files.write(dir.resolve(NAME + ".part"), Arrays.copyOf(CONTENT, 100_000));
        URI good = server.mirror("m", MirrorServer.Behaviour.GOOD);
        FetchResult r = fetch(good);
        assertEquals(FetchResult.Status.RESUMED, r.status());
        assertEquals(List.of(new MirrorServer.Request("/m/" + NAME, "bytes=100000-")), server.requestsTo("m"));
        assertGoodFileAndNoPart();
    }

    @Test
    void a_server_that_ignores_range_sends_everything_and_the_part_is_started_over() throws IOException {
        Files.write(dir.resolve(NAME + ".part"), Arrays.copyOf(CONTENT, 100_000));
        FetchResult r = fetch(server.mirror("m", MirrorServer.Behaviour.IGNORES_RANGE));
        assertEquals(FetchResult.Status.DOWNLOADED, r.status());
        assertGoodFileAndNoPart();
    }

    @Test
    void a_wrong_part_is_discovered_after_resuming_and_fetched_again_whole() throws IOException {
        byte[] garbage = new byte[1000];
        new Random(7).nextBytes(garbage);
        Files.write(dir.resolve(NAME + ".part"), garbage);
        FetchResult r = fetch(server.mirror("m", MirrorServer.Behaviour.GOOD));
        assertEquals(FetchResult.Status.DOWNLOADED, r.status());
        List<MirrorServer.Request> requests = server.requestsTo("m");
        assertEquals(2, requests.size());
        assertEquals("bytes=1000-", requests.get(0).range());
        assertNull(requests.get(1).range(), "the second try asks for the whole file");
        assertGoodFileAndNoPart();
    }

    @Test
    void a_connection_dropped_halfway_is_resumed_from_the_next_mirror() throws IOException {
        URI dropping = server.mirror("drop", MirrorServer.Behaviour.DROPS_HALFWAY);
        URI good = server.mirror("good", MirrorServer.Behaviour.GOOD);
        FetchResult r = fetch(dropping, good);
        assertEquals(FetchResult.Status.RESUMED, r.status());
        String range = server.requestsTo("good").get(0).range();
        assertTrue(range != null && range.matches("bytes=\\d+-") && !range.equals("bytes=0-"), "continued, not restarted: " + range);
        assertGoodFileAndNoPart();
    }

    @Test
    void a_stalled_transfer_is_given_up_after_the_stall_timeout(@TempDir Path other) throws IOException {
        URI stalling = server.mirror("slow", MirrorServer.Behaviour.STALLS_HALFWAY);
        URI good = server.mirror("good", MirrorServer.Behaviour.GOOD);
        long start = System.nanoTime();
        FetchResult r = fetch(stalling, good);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(FetchResult.Status.RESUMED, r.status());
        assertTrue(seconds < 4, "gave up on the stalled mirror after the 0.4 s timeout, not its 5 s pause: " + seconds);
        assertGoodFileAndNoPart();

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> downloader.fetch(FILE, List.of(stalling), other));
        assertTrue(e.getMessage().contains("no data for"), e.getMessage());
        assertFalse(Files.exists(other.resolve(NAME)));
        assertTrue(Files.size(other.resolve(NAME + ".part")) > 0, "what arrived is kept to be continued");
    }

    @Test
    void a_wrong_file_under_the_final_name_is_replaced_by_a_verified_one() throws IOException {
        Files.writeString(dir.resolve(NAME), "not the data");
        FetchResult r = fetch(server.mirror("m", MirrorServer.Behaviour.GOOD));
        assertEquals(FetchResult.Status.DOWNLOADED, r.status());
        assertGoodFileAndNoPart();
    }

    @Test
    void an_unreachable_mirror_is_reported_by_name() throws IOException {
        URI closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/gone/");
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> fetch(closed));
        assertTrue(e.getMessage().contains(closed.resolve(NAME).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("--mirror"), e.getMessage());
    }

    @Test
    void a_full_disk_is_named_as_the_cause_not_the_network_and_no_other_mirror_is_tried() throws IOException {
        // /dev/full takes no byte: every write fails with "No space left on device", as on a full disk.
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "/dev/full is not here");
        Files.createSymbolicLink(dir.resolve(NAME + ".part"), full);
        URI good = server.mirror("a", MirrorServer.Behaviour.GOOD);
        URI other = server.mirror("b", MirrorServer.Behaviour.GOOD);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> fetch(good, other));
        assertEquals("Could not write " + dir.resolve(NAME + ".part") + " (No space left on device), so " + NAME + " was not downloaded; "
                + "free some space there or make it writable (or give another --dir), then run download again: it continues from what "
                + "was written.", e.getMessage());
        assertFalse(e.getMessage().contains("network"), e.getMessage());
        assertTrue(server.requestsTo("b").isEmpty(), "a full disk is full for every mirror");
        assertFalse(Files.exists(dir.resolve(NAME)));
    }
}
