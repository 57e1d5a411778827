package dev.mlp4j.cli.reliability;

import dev.mlp4j.cli.Main;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mlp4j train --checkpoint DIR} killed with -9 at random moments in a JVM of its own, then continued in-process
 * with {@code --resume DIR}, ends with exactly the model of a run that was never interrupted, bit for bit; and the
 * model.json the checkpoint folder holds at the moment of the kill always loads.
 */
class KillAndResumeTest {
    private static final int EPOCHS = 200;
    private static final String[] RUN = {"--example", "circle", "--seed", "3", "--momentum", "0.5", "--dropout", "0.1",
            "--backend", "core", "--no-progress"};

    private static List<String> train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(List.of(RUN));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void a_checkpointed_run_killed_at_random_epochs_resumes_to_the_uninterrupted_model(@TempDir Path tmp) throws Exception {
        Path full = tmp.resolve("full.json");
        Cli uninterrupted = Cli.run(train("--epochs", String.valueOf(EPOCHS), "--save", full.toString()).toArray(String[]::new));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.toString());
        Model expected = ModelFile.load(full);

        Random random = new Random(3);
        for (int k = 0; k < 2; k++) {
            Path dir = tmp.resolve("run-" + k);
            int killAfter = 10 + random.nextInt(120);
            int[] killedAt = new int[1];
            assertTimeoutPreemptively(Duration.ofSeconds(90), () -> killedAt[0] = runAndKill(dir, killAfter, random.nextInt(30)));
            // What the folder holds at the kill is complete: the model of some epoch, not a torn file.
            // ("epoch N" is printed just before that epoch's checkpoint is written, so the checkpoint is N or N - 1.)
            Model atKill = ModelFile.load(dir.resolve("model.json"));
            assertEquals(expected.spec(), atKill.spec());

            Path resumed = tmp.resolve("resumed-" + k + ".json");
            Cli r = Cli.run("train", "--resume", dir.toString(), "--save", resumed.toString(), "--no-progress");
            assertEquals(0, r.exitCode(), r.toString());
            Matcher m = Pattern.compile("resuming .* after epoch (\\d+)").matcher(r.out());
            assertTrue(m.find(), r.out());
            int resumedAfter = Integer.parseInt(m.group(1));
            assertTrue(resumedAfter >= killedAt[0] - 1 && resumedAfter < EPOCHS, "resumed after " + resumedAfter + ", killed at " + killedAt[0]);
            Model end = ModelFile.load(resumed);
            assertEquals(expected.spec(), end.spec());
            assertEquals(expected.parameters(), end.parameters(), "killed after epoch " + killedAt[0] + ", resumed after " + resumedAfter);
        }
    }

    /** Starts the run in a child JVM, kills it with -9 once it has printed epoch {@code after} (plus a delay); returns that epoch. */
    private static int runAndKill(Path dir, int after, int delayMillis) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(train("--epochs", String.valueOf(EPOCHS), "--checkpoint", dir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        AtomicInteger epoch = new AtomicInteger();
        StringBuilder log = new StringBuilder();
        Pattern line = Pattern.compile("^epoch (\\d+)/" + EPOCHS);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = out.readLine()) != null; ) {
                    Matcher m = line.matcher(l);
                    if (m.find()) {
                        epoch.set(Integer.parseInt(m.group(1)));
                    } else if (log.length() < 4000) {
                        log.append(l).append('\n');
                    }
                }
            } catch (IOException e) {
                // Closed when the child dies.
            }
        });
        reader.start();
        while (epoch.get() < after && p.isAlive()) {
            Thread.sleep(1);
        }
        Thread.sleep(delayMillis);
        p.destroyForcibly();
        p.waitFor();
        reader.join();
        assertTrue(epoch.get() >= after && epoch.get() < EPOCHS, "the child got to epoch " + epoch + ":\n" + log);
        return epoch.get();
    }
}
