package dev.mlp4j.gpu;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The GPU machine's check script, device-check/check.sh, by its dry run (which runs nothing): its budget fits one
 * 10-minute call of the device tool, and the agreement tests come first, with their whole limit, then the bench at
 * batches 10, 100 and 1000. Excluded from the kit's own run of these tests, where the script is not at this path.
 */
class DeviceCheckScriptTest {
    private static final Path SCRIPT = Path.of("device-check", "check.sh");
    private static final Pattern STEP = Pattern.compile("^step at (\\d+) s: (.*) \\(limit (\\d+) s\\)$");

    private record Step(int at, String name, int limit) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"--quick", ""})
    void the_agreement_tests_run_first_with_their_whole_limit_and_the_budget_fits_one_call(String mode, @TempDir Path out)
            throws Exception {
        String text = run(out, "bash", "-n", SCRIPT.toString());
        assertEquals("", text, "bash -n finds no syntax error");
        List<String> args = new ArrayList<>(List.of("bash", SCRIPT.toString(), "--dry-run"));
        if (!mode.isEmpty()) {
            args.add(mode);
        }
        text = run(out, args.toArray(String[]::new));
        Matcher budget = Pattern.compile("budget (\\d+) s").matcher(text);
        assertTrue(budget.find(), text);
        assertTrue(Integer.parseInt(budget.group(1)) <= 570, "the kit fits a 600 s call with time to spare: " + text);

        List<Step> steps = steps(text);
        int agreement = indexOf(steps, "others");
        int bench = indexOf(steps, "mlp4j bench");
        assertTrue(agreement >= 0 && bench > agreement, "the agreement tests, then the bench: " + text);
        int expectedLimit = mode.isEmpty() ? 270 : 150;
        assertEquals(expectedLimit, steps.get(agreement).limit(), "the agreement tests get their whole limit: " + text);
        for (int i = 0; i < agreement; i++) {
            String name = steps.get(i).name();
            assertTrue(!name.startsWith("mlp4j train") && !name.startsWith("mlp4j gradcheck") && !name.equals("aparapi"),
                    name + " runs before the agreement tests: " + text);
        }
        String benchStep = steps.get(bench).name();
        assertTrue(benchStep.contains("784,100,10@10;784,100,10@100;784,100,10@1000"), benchStep);
        assertTrue(steps.stream().noneMatch(s -> s.name().contains("--epochs 30")), "no 30-epoch chapter 3 run: " + text);
    }

    private static List<Step> steps(String text) {
        List<Step> steps = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = STEP.matcher(line);
            if (m.matches()) {
                steps.add(new Step(Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3))));
            }
        }
        return steps;
    }

    private static int indexOf(List<Step> steps, String prefix) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name().startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static String run(Path out, String... command) throws IOException, InterruptedException {
        assumeTrue(Files.exists(SCRIPT), "the device check script is not at " + SCRIPT.toAbsolutePath() + " (run from the gpu module)");
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("OUT", out.toString());
        pb.environment().remove("MLP4J_CHECK_BUDGET");
        pb.redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            assumeTrue(false, "bash is needed to check the script: " + e.getMessage());
            throw e;
        }
        byte[] bytes = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the dry run finished");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
