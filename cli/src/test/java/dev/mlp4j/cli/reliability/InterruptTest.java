package dev.mlp4j.cli.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlp4j.cli.Main;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code mlp4j train} in a JVM of its own, stopped by SIGTERM ({@link ProcessHandle#destroy()}) or SIGINT (Ctrl-C) while
 * it trains: it stops after the current mini-batch, saves the parameters after the last complete epoch with --save
 * (the checkpoint's, bit for bit), says it was interrupted and how to resume, ends with the JSON line
 * {@code "stop":"cancelled"}, and exits with 128 + the signal's number; the checkpoint then resumes.
 */
class InterruptTest {
    private static final Pattern EPOCH = Pattern.compile("^epoch (\\d+)/");

    @Test
    void sigterm_stops_training_saves_what_it_keeps_and_exits_143(@TempDir Path tmp) throws Exception {
        // ProcessHandle.destroy sends SIGTERM as Process.destroy does, without closing the pipes this test reads.
        interrupt(tmp, p -> assertTrue(p.toHandle().destroy(), "SIGTERM not sent"), 143);
    }

    @Test
    void sigint_stops_training_saves_what_it_keeps_and_exits_130(@TempDir Path tmp) throws Exception {
        assumeTrue(!sigintIgnored(), "SIGINT is ignored in this process (started in the background), so its children ignore it too");
        interrupt(tmp, p -> {
            try {
                Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).redirectErrorStream(true).start();
                assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -INT failed");
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }, 130);
    }

    private interface Signal {
        void send(Process p);
    }

    private static void interrupt(Path tmp, Signal signal, int expectedExit) throws Exception {
        Path ck = tmp.resolve("ck");
        Path saved = tmp.resolve("saved.json");
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", "--example", "circle", "--backend", "core", "--epochs", "1000000", "--momentum", "0.5",
                "--checkpoint", ck.toString(), "--save", saved.toString(), "--json", "--no-progress"));
        Process p = new ProcessBuilder(cmd).start();
        try {
            CountDownLatch training = new CountDownLatch(1);
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            Thread outReader = reader(p.getInputStream(), out, training);
            Thread errReader = reader(p.getErrorStream(), err, null);
            // Epoch 3's line is printed before its checkpoint is written, so epoch 2's is there by then.
            assertTrue(training.await(60, TimeUnit.SECONDS), "training never reached epoch 3: " + out + err);
            signal.send(p);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run did not stop: " + tail(out) + err);
            outReader.join(10_000);
            errReader.join(10_000);
            assertEquals(expectedExit, p.exitValue(), tail(out) + err);

            String[] lines = out.toString().strip().split("\\R");
            assertTrue(lines[lines.length - 1].startsWith("{"), "the last line is not the JSON line: " + tail(out) + err);
            JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
            assertEquals("cancelled", json.get("stop").asText(), tail(out));
            assertEquals(expectedExit, json.get("exitCode").asInt(), "the exit code the process ends with");
            int kept = json.get("keptEpoch").asInt();
            assertTrue(kept >= 2, tail(out));
            assertEquals(saved.toString(), json.get("model").asText());
            assertEquals(ck.toString(), json.get("checkpoint").asText());
            assertTrue(out.toString().contains("saved model to " + saved + " (the parameters after epoch " + kept + ")"), tail(out));
            assertTrue(err.toString().startsWith("Training interrupted "), err.toString());
            assertTrue(err.toString().contains("Continue with --resume " + ck), err.toString());
            assertEquals(1, err.toString().strip().split("\\R").length, "one line on stderr: " + err);

            // The saved model is the one the checkpoint holds: the parameters after the last complete epoch.
            Model model = ModelFile.load(saved);
            assertEquals(ModelFile.load(ck.resolve("model.json")).parameters(), model.parameters());
            assertEquals(kept, ((Number) model.training().get("epochs")).intValue());

            Cli resumed = Cli.run("train", "--resume", ck.toString(), "--epochs", String.valueOf(kept + 1), "--no-progress", "--json");
            assertEquals(0, resumed.exitCode(), resumed.toString());
            assertEquals(kept, resumed.lastJson().get("resumedAfterEpoch").asInt());
        } finally {
            p.destroyForcibly();
        }
    }

    private static Thread reader(InputStream in, StringBuilder text, CountDownLatch training) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    synchronized (text) {
                        text.append(l).append('\n');
                    }
                    Matcher m = EPOCH.matcher(l);
                    if (training != null && m.find() && Integer.parseInt(m.group(1)) >= 3) {
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
            return text.substring(Math.max(0, text.length() - 1500));
        }
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
