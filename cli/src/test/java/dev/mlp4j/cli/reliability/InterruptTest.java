package dev.mlp4j.cli.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlp4j.cli.Main;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.train.checkpoint.CheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code mlp4j train} in a JVM of its own, stopped by SIGTERM ({@link ProcessHandle#destroy()}) or SIGINT (Ctrl-C) while
 * it trains: it stops after the current mini-batch, saves the parameters after the last complete epoch with --save
 * (the checkpoint's, bit for bit), says it was interrupted and how to resume, ends with the JSON line
 * {@code "stop":"cancelled"}, and exits with 128 + the signal's number; the checkpoint then resumes. A signal before
 * any training ({@code download} waiting on a mirror that never answers) ends the process at once with one error
 * line and, under --json, the JSON error object carrying the same exit code.
 */
class InterruptTest {
    private static final Pattern EPOCH = Pattern.compile("^epoch (\\d+)/");

    // ProcessHandle.destroy sends SIGTERM as Process.destroy does, without closing the pipes this test reads.
    private static final Signal SIGTERM = p -> assertTrue(p.toHandle().destroy(), "SIGTERM not sent");

    private static final Signal SIGINT = p -> {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).redirectErrorStream(true).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -INT failed");
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    };

    @Test
    void sigterm_stops_training_saves_what_it_keeps_and_exits_143(@TempDir Path tmp) throws Exception {
        interrupt(tmp, SIGTERM, 143);
    }

    @Test
    void sigint_stops_training_saves_what_it_keeps_and_exits_130(@TempDir Path tmp) throws Exception {
        assumeTrue(!sigintIgnored(), "SIGINT is ignored in this process (started in the background), so its children ignore it too");
        interrupt(tmp, SIGINT, 130);
    }

    @Test
    void sigterm_before_training_says_so_and_ends_with_the_json_error_143(@TempDir Path tmp) throws Exception {
        interruptDownload(tmp, SIGTERM, 143, "SIGTERM");
    }

    @Test
    void sigint_before_training_says_so_and_ends_with_the_json_error_130(@TempDir Path tmp) throws Exception {
        assumeTrue(!sigintIgnored(), "SIGINT is ignored in this process (started in the background), so its children ignore it too");
        interruptDownload(tmp, SIGINT, 130, "SIGINT");
    }

    /**
     * A signal just after epoch 1's line, while the report of epoch 1 is drawn: its first PNG used to start ImageIO's
     * file cache, whose shutdown hook cannot be added once the JVM shuts down ("IllegalStateException: Shutdown in
     * progress"): nothing was saved, the checkpoint folder held only its lock, and the JSON said exit code 1 while the
     * process exited 143.
     */
    @Test
    void sigterm_while_the_report_is_drawn_keeps_the_checkpoint_and_the_model(@TempDir Path tmp) throws Exception {
        ChildRun run = signalAfterEpochOne(tmp, SIGTERM, 1000);
        run.assertKeptEpochOne(143);
    }

    @Test
    void sigint_while_the_report_is_drawn_keeps_the_checkpoint_and_the_model(@TempDir Path tmp) throws Exception {
        assumeTrue(!sigintIgnored(), "SIGINT is ignored in this process (started in the background), so its children ignore it too");
        ChildRun run = signalAfterEpochOne(tmp, SIGINT, 1000);
        run.assertKeptEpochOne(130);
    }

    /**
     * A signal after the last epoch's line comes too late to stop anything: the run completes, writes all, and says
     * so with exit code 0, as the JSON line does (it used to exit 143 with {@code "stop":"completed"}).
     */
    @Test
    void sigterm_after_the_last_epoch_lets_the_run_complete_and_exit_0(@TempDir Path tmp) throws Exception {
        ChildRun run = signalAfterEpochOne(tmp, SIGTERM, 1);
        assertEquals(0, run.exit(), run.toString());
        assertEquals("completed", run.json().get("stop").asText(), run.toString());
        assertFalse(run.json().has("exitCode"), run.toString());
        assertEquals("", run.err().strip(), "nothing on stderr: " + run);
        run.assertOutputsComplete(1);
    }

    /** What a child train run printed, and where it wrote. */
    private record ChildRun(int exit, String out, String err, Path dir) {
        JsonNode json() throws IOException {
            String[] lines = out.strip().split("\\R");
            return new ObjectMapper().readTree(lines[lines.length - 1]);
        }

        void assertKeptEpochOne(int expectedExit) throws IOException {
            assertEquals(expectedExit, exit, toString());
            JsonNode json = json();
            assertEquals(expectedExit, json.get("exitCode").asInt(), "the exit code the process ends with: " + this);
            assertEquals("cancelled", json.get("stop").asText(), toString());
            assertTrue(err.startsWith("Training interrupted after epoch 1;"), toString());
            assertEquals(1, err.strip().split("\\R").length, "one line on stderr: " + this);
            assertOutputsComplete(1);
        }

        /** The checkpoint, the model and the report are all there and whole; ImageIO and the locks left nothing. */
        void assertOutputsComplete(int epoch) throws IOException {
            assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + this);
            JsonNode json = json();
            assertEquals(epoch, json.get("keptEpoch").asInt(), toString());
            assertEquals(dir.resolve("m.json").toString(), json.get("model").asText(), toString());
            assertEquals(dir.resolve("ck").toString(), json.get("checkpoint").asText(), toString());
            assertEquals(dir.resolve("rep/index.html").toString(), json.get("report").asText(), toString());
            Model saved = ModelFile.load(dir.resolve("m.json"));
            assertEquals(ModelFile.load(dir.resolve("ck/model.json")).parameters(), saved.parameters());
            assertEquals(epoch, CheckpointFile.load(dir.resolve("ck")).state().epochsDone());
            assertTrue(Files.isRegularFile(dir.resolve("rep/index.html")), toString());
            try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
                assertEquals(List.of(), left.toList(), "files left in java.io.tmpdir");
            }
            assertFalse(Files.exists(dir.resolve("m.json.lock")) || Files.exists(dir.resolve("rep/report.lock")), "lock files left");
        }
    }

    /** {@code train --example circle --report --checkpoint --save --json}, signalled as soon as epoch 1's line is out. */
    private static ChildRun signalAfterEpochOne(Path tmp, Signal signal, int epochs) throws Exception {
        Path privateTmp = Files.createDirectories(tmp.resolve("tmp"));
        Ended run = trainSignalled(List.of("-Djava.io.tmpdir=" + privateTmp), List.of("--example", "circle", "--backend", "core",
                "--epochs", String.valueOf(epochs), "--checkpoint", tmp.resolve("ck").toString(), "--save", tmp.resolve("m.json").toString(),
                "--report", tmp.resolve("rep").toString(), "--json", "--no-progress"), signal, 1);
        return new ChildRun(run.exit(), run.out(), run.err(), tmp);
    }

    @Test
    void sigterm_without_save_or_checkpoint_says_once_that_the_parameters_are_lost_and_how_to_keep_them() throws Exception {
        Ended run = trainSignalled(List.of(), List.of("--example", "circle", "--backend", "core", "--epochs", "1000000", "--no-progress"),
                SIGTERM, 3);
        assertEquals(143, run.exit(), run.toString());
        String line = run.err().strip();
        assertEquals(1, line.split("\\R").length, "one line on stderr: " + run.err());
        assertTrue(line.startsWith("Training interrupted ") && line.contains(" are lost, as the run had no --save or --checkpoint")
                && line.contains("--save FILE") && line.contains("--checkpoint DIR"), line);
        assertFalse(line.contains("keeping the parameters"), line);
        assertFalse(run.out().contains("Training interrupted"), "said once, on stderr: " + run);
    }

    private interface Signal {
        void send(Process p);
    }

    /**
     * {@code download --json} from a local mirror that accepts the connection and never answers (the download waits
     * 60 s for a response), signalled once the mirror has the connection: no timing luck, the command is under way.
     */
    private static void interruptDownload(Path tmp, Signal signal, int expectedExit, String name) throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        CountDownLatch connected = new CountDownLatch(1);
        Process p = null;
        try (ServerSocket mirror = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(mirror.accept());
                        connected.countDown();
                    }
                } catch (IOException e) {
                    // Closed at the end of the test.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "download", "--dataset", "mnist", "--mirror", "http://127.0.0.1:" + mirror.getLocalPort() + "/",
                    "--dir", tmp.resolve("data").toString(), "--no-progress", "--json");
            p = new ProcessBuilder(cmd).start();
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            Thread outReader = reader(p.getInputStream(), out, null, 0);
            Thread errReader = reader(p.getErrorStream(), err, null, 0);
            assertTrue(connected.await(60, TimeUnit.SECONDS), "download never reached the mirror: " + out + err);
            signal.send(p);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the download did not stop: " + out + err);
            outReader.join(10_000);
            errReader.join(10_000);
            assertEquals(expectedExit, p.exitValue(), out + "" + err);

            String message = "interrupted by " + name + " before the command finished.";
            assertEquals("error: " + message, err.toString().strip(), "one line on stderr");
            String[] lines = out.toString().strip().split("\\R");
            assertEquals(2, lines.length, "what download said before the signal, then the JSON line: " + out);
            assertTrue(lines[0].startsWith("mnist into "), out.toString());
            JsonNode json = new ObjectMapper().readTree(lines[1]);
            assertEquals("download", json.get("command").asText(), lines[1]);
            assertEquals(message, json.get("error").asText(), lines[1]);
            assertEquals(expectedExit, json.get("exitCode").asInt(), "the exit code the process ends with");
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private static void interrupt(Path tmp, Signal signal, int expectedExit) throws Exception {
        Path ck = tmp.resolve("ck");
        Path saved = tmp.resolve("saved.json");
        List<String> args = List.of("--example", "circle", "--backend", "core", "--epochs", "1000000", "--momentum", "0.5",
                "--checkpoint", ck.toString(), "--save", saved.toString(), "--json", "--no-progress");
        // Epoch 3's line is printed before its checkpoint is written, so epoch 2's is there by then.
        Ended run = trainSignalled(List.of(), args, signal, 3);
        assertEquals(expectedExit, run.exit(), run.toString());

        String[] lines = run.out().strip().split("\\R");
        assertTrue(lines[lines.length - 1].startsWith("{"), "the last line is not the JSON line: " + tail(run.out()) + run.err());
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals("cancelled", json.get("stop").asText(), tail(run.out()));
        assertEquals(expectedExit, json.get("exitCode").asInt(), "the exit code the process ends with");
        int kept = json.get("keptEpoch").asInt();
        assertTrue(kept >= 2, tail(run.out()));
        assertEquals(saved.toString(), json.get("model").asText());
        assertEquals(ck.toString(), json.get("checkpoint").asText());
        assertTrue(run.out().contains("saved model to " + saved + " (the parameters after epoch " + kept + ")"), tail(run.out()));
        assertTrue(run.err().startsWith("Training interrupted "), run.err());
        assertTrue(run.err().contains("Continue with --resume " + ck), run.err());
        assertEquals(1, run.err().strip().split("\\R").length, "one line on stderr: " + run.err());
        assertFalse(run.out().contains("Training interrupted"), "said once, on stderr: " + tail(run.out()));

        // The saved model is the one the checkpoint holds: the parameters after the last complete epoch.
        Model model = ModelFile.load(saved);
        assertEquals(ModelFile.load(ck.resolve("model.json")).parameters(), model.parameters());
        assertEquals(kept, ((Number) model.training().get("epochs")).intValue());

        Cli resumed = Cli.run("train", "--resume", ck.toString(), "--epochs", String.valueOf(kept + 1), "--no-progress", "--json");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertEquals(kept, resumed.lastJson().get("resumedAfterEpoch").asInt());
    }

    /** What a child run printed, and its exit code. */
    private record Ended(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n" + tail(out) + err;
        }
    }

    /**
     * Runs {@code mlp4j train ARGS} in a JVM of its own (with {@code jvmOptions}), sends {@code signal} as soon as the
     * line of epoch {@code epoch} is out, and waits for it to end.
     */
    private static Ended trainSignalled(List<String> jvmOptions, List<String> trainArgs, Signal signal, int epoch) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "train"));
        cmd.addAll(trainArgs);
        Process p = new ProcessBuilder(cmd).start();
        try {
            CountDownLatch reached = new CountDownLatch(1);
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            Thread outReader = reader(p.getInputStream(), out, reached, epoch);
            Thread errReader = reader(p.getErrorStream(), err, null, epoch);
            assertTrue(reached.await(60, TimeUnit.SECONDS), "training never reached epoch " + epoch + ": " + out + err);
            signal.send(p);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run did not stop: " + tail(out) + err);
            outReader.join(10_000);
            errReader.join(10_000);
            return new Ended(p.exitValue(), out.toString(), err.toString());
        } finally {
            p.destroyForcibly();
        }
    }

    /** Collects the lines of {@code in}; counts {@code training} down once a line says epoch {@code epoch} or a later one ended. */
    private static Thread reader(InputStream in, StringBuilder text, CountDownLatch training, int epoch) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    synchronized (text) {
                        text.append(l).append('\n');
                    }
                    Matcher m = EPOCH.matcher(l);
                    if (training != null && m.find() && Integer.parseInt(m.group(1)) >= epoch) {
                        training.countDown();
                    }
                }
            } catch (IOException e) {
                // Closed when the child ends.
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String tail(StringBuilder text) {
        synchronized (text) {
            return tail(text.toString());
        }
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 1500));
    }

    /** Whether this process ignores SIGINT (Linux's /proc/self/status); a child then ignores it too. */
    private static boolean sigintIgnored() throws IOException {
        Path status = Paths.get("/proc/self/status");
        if (!Files.isReadable(status)) {
            return true;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return true;
    }
}
