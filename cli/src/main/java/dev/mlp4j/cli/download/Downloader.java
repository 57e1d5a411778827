package dev.mlp4j.cli.download;

import dev.mlp4j.cli.Version;
import dev.mlp4j.cli.progress.Progress;
import dev.mlp4j.cli.progress.ProgressDisplay;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.io.IoErrors;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches files into a folder so that a file under its final name is always a verified one: bytes go to NAME.part,
 * which is renamed only once its checksum matches. A .part left by an interrupted run is continued with an HTTP
 * Range request (and started over when the server ignores the range, or when the continued file turns out wrong).
 * Mirrors are tried in order; the first good copy wins.
 */
public final class Downloader implements AutoCloseable {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HttpClient client;
    private final Timeouts timeouts;
    private final ProgressDisplay display;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mlp4j-download-watchdog");
        t.setDaemon(true);
        return t;
    });

    public Downloader(Timeouts timeouts, ProgressDisplay display) {
        this.timeouts = timeouts;
        this.display = display;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Makes sure {@code dir} holds a verified copy of {@code file}; an InvalidInputException naming every failure otherwise. */
    public FetchResult fetch(RemoteFile file, List<URI> mirrors, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(file.name());
        if (Files.isRegularFile(target)) {
            Digest d = file.check(target);
            if (d != null) {
                return new FetchResult(file.name(), FetchResult.Status.PRESENT, Files.size(target), d, null);
            }
        }
        Path part = dir.resolve(file.name() + ".part");
        List<String> failures = new ArrayList<>();
        int corrupt = 0;
        for (URI mirror : mirrors) {
            URI uri = mirror.resolve(file.name());
            boolean mayResume = true;
            while (true) {
                Transfer t;
                try {
                    t = transfer(uri, part, mayResume, file.name());
                } catch (PartWriteFailure e) {
                    // The disk, not the network: another mirror would fail the same way, and the advice differs.
                    throw new InvalidInputException("Could not write " + part + " (" + IoErrors.reason(e.io()) + "), so " + file.name()
                            + " was not downloaded; free some space there or make it writable (or give another --dir), then run "
                            + "download again: it continues from what was written.", e.io());
                } catch (IOException e) {
                    // The .part stays: the next mirror (or the next run) continues it.
                    failures.add(uri + ": " + describe(e));
                    break;
                }
                Digest d = file.check(part);
                if (d != null) {
                    moveIntoPlace(part, target);
                    return new FetchResult(file.name(), t.resumed() ? FetchResult.Status.RESUMED : FetchResult.Status.DOWNLOADED,
                            Files.size(target), d, uri);
                }
                Files.deleteIfExists(part);
                if (t.resumed()) {
                    // The old part may have been the bad bit; one fresh try from the same mirror.
                    mayResume = false;
                    continue;
                }
                failures.add(uri + ": the file's checksum differs from the published one");
                corrupt++;
                break;
            }
        }
        // A wrong checksum is a corrupt copy on the mirror or a damaged transfer, not a connection that failed.
        String advice = corrupt == failures.size()
                ? "the copies are corrupt (on the mirror, or damaged on the way): run download again later, or give another --mirror"
                : corrupt > 0 ? "check the network connection; a copy whose checksum differs is corrupt (on the mirror, or damaged on the way): "
                        + "run download again later, or give another --mirror"
                : "check the network connection or give another --mirror";
        throw new InvalidInputException("Could not download " + file.name() + " (" + String.join("; ", failures)
                + "); " + advice + ". Nothing wrong was kept under " + target + ".");
    }

    /** How a transfer ended: whether it continued an earlier part. */
    private record Transfer(boolean resumed) {
    }

    private Transfer transfer(URI uri, Path part, boolean mayResume, String name) throws IOException {
        long have = mayResume && Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeouts.response()).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == 416 && have > 0) {
                // Nothing left to send: the part may already be whole; the checksum decides.
                return new Transfer(true);
            }
            boolean append;
            long total;
            if (status == 206 && have > 0) {
                Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                    throw new IOException("the server sent a range other than the one asked for");
                }
                append = true;
                total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            } else if (status == 200) {
                // A server that ignores Range sends the whole file: start over.
                append = false;
                total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            } else {
                throw new IOException("HTTP " + status);
            }
            try (Progress progress = display.start(name, total, "bytes");
                 OutputStream out = openPart(part, append)) {
                if (append) {
                    progress.advance(have);
                }
                copy(body, out, progress);
            }
            return new Transfer(append);
        }
    }

    /** Copies the body, giving up when no byte arrives for the stall timeout (closing the stream ends the blocked read). */
    private void copy(InputStream in, OutputStream out, Progress progress) throws IOException {
        AtomicLong lastByte = new AtomicLong(System.nanoTime());
        long stall = timeouts.stall().toNanos();
        long tick = Math.max(50, Math.min(1000, timeouts.stall().toMillis() / 4));
        AtomicBoolean stalled = new AtomicBoolean();
        ScheduledFuture<?> guard = watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastByte.get() > stall) {
                stalled.set(true);
                try {
                    in.close();
                } catch (IOException ignored) {
                    // Closing is how the blocked read is ended; a failure to close changes nothing.
                }
            }
        }, tick, tick, TimeUnit.MILLISECONDS);
        try {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new PartWriteFailure(e);
                }
                lastByte.set(System.nanoTime());
                progress.advance(n);
            }
        } catch (IOException e) {
            if (stalled.get()) {
                throw new IOException("no data for " + timeouts.stall().toSeconds() + " s", e);
            }
            throw e;
        } finally {
            guard.cancel(false);
        }
        if (stalled.get()) {
            throw new IOException("no data for " + timeouts.stall().toSeconds() + " s");
        }
    }

    private static OutputStream openPart(Path part, boolean append) throws PartWriteFailure {
        try {
            return Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new PartWriteFailure(e);
        }
    }

    /** Writing the .part failed (a full disk, a read-only folder): a local failure, not one of the transfer. */
    private static final class PartWriteFailure extends IOException {
        private static final long serialVersionUID = 1L;

        PartWriteFailure(IOException cause) {
            super(cause);
        }

        IOException io() {
            return (IOException) getCause();
        }
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (e instanceof ConnectException) {
            return "cannot connect" + (m == null ? "" : " (" + m + ")");
        }
        return m == null ? e.getClass().getSimpleName().toLowerCase(Locale.ROOT) : m;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
