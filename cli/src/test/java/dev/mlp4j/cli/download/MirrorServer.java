package dev.mlp4j.cli.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local HTTP server on 127.0.0.1 with one folder per mirror, each serving files in a chosen way: properly (with
 * Range support), ignoring Range, cut short, corrupted, failing, or stalling halfway. Records every request.
 */
final class MirrorServer implements AutoCloseable {
    enum Behaviour { GOOD, IGNORES_RANGE, TRUNCATED, CORRUPTED, FAILS, DROPS_HALFWAY, STALLS_HALFWAY }

    record Request(String path, String range) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Behaviour> mirrors = new ConcurrentHashMap<>();
    private final Map<String, byte[]> files;
    final List<Request> requests = new CopyOnWriteArrayList<>();

    MirrorServer(Map<String, byte[]> files) throws IOException {
        this.files = files;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** A mirror's base URL, serving every file with the given behaviour. */
    URI mirror(String name, Behaviour behaviour) {
        mirrors.put(name, behaviour);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name + "/");
    }

    List<Request> requestsTo(String mirror) {
        return requests.stream().filter(r -> r.path().startsWith("/" + mirror + "/")).toList();
    }

    private void handle(HttpExchange x) throws IOException {
        String[] parts = x.getRequestURI().getPath().split("/", 3);
        String range = x.getRequestHeaders().getFirst("Range");
        requests.add(new Request(x.getRequestURI().getPath(), range));
        Behaviour b = parts.length == 3 ? mirrors.get(parts[1]) : null;
        byte[] body = parts.length == 3 ? files.get(parts[2]) : null;
        if (b == null || body == null) {
            x.sendResponseHeaders(404, -1);
            x.close();
            return;
        }
        switch (b) {
            case FAILS -> {
                x.sendResponseHeaders(500, -1);
                x.close();
            }
            case TRUNCATED -> send(x, 200, Arrays.copyOf(body, body.length / 2));
            case CORRUPTED -> {
                byte[] bad = body.clone();
                bad[bad.length / 3] ^= 0x55;
                send(x, 200, bad);
            }
            case IGNORES_RANGE -> send(x, 200, body);
            case GOOD -> {
                long from = range == null ? 0 : Long.parseLong(range.replaceAll("bytes=(\\d+)-", "$1"));
                if (from >= body.length) {
                    x.sendResponseHeaders(416, -1);
                    x.close();
                } else if (from > 0) {
                    x.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
                    send(x, 206, Arrays.copyOfRange(body, (int) from, body.length));
                } else {
                    send(x, 200, body);
                }
            }
            case DROPS_HALFWAY, STALLS_HALFWAY -> {
                x.sendResponseHeaders(200, body.length);
                OutputStream out = x.getResponseBody();
                out.write(body, 0, body.length / 2);
                out.flush();
                if (b == Behaviour.STALLS_HALFWAY) {
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                // Closing with bytes missing makes the server drop the connection.
                x.close();
            }
            default -> throw new IllegalStateException();
        }
    }

    private static void send(HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
