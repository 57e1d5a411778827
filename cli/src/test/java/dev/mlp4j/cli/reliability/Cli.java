package dev.mlp4j.cli.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlp4j.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the command line in-process through {@link Main#run(PrintWriter, PrintWriter, String...)} and keeps what
 * it printed. System.out and System.err are replaced for the run as well, so output that bypasses the command's
 * writers is caught (it must not happen) instead of littering the build log.
 */
record Cli(String[] args, int exitCode, String out, String err, String strayOut, String strayErr, Throwable escaped) {

    static synchronized Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream strayOut = new ByteArrayOutputStream();
        ByteArrayOutputStream strayErr = new ByteArrayOutputStream();
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        int code = Integer.MIN_VALUE;
        Throwable escaped = null;
        try {
            System.setOut(new PrintStream(strayOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(strayErr, true, StandardCharsets.UTF_8));
            code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        } catch (Throwable t) {
            escaped = t;
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
        return new Cli(args.clone(), code, out.toString(), err.toString(), strayOut.toString(StandardCharsets.UTF_8),
                strayErr.toString(StandardCharsets.UTF_8), escaped);
    }

    String command() {
        return String.join(" ", args);
    }

    List<String> errLines() {
        List<String> lines = new ArrayList<>();
        for (String l : err.split("\\R")) {
            if (!l.isBlank()) {
                lines.add(l);
            }
        }
        return lines;
    }

    /** The last stdout line as JSON, or null when it is not a JSON object. */
    JsonNode lastJson() {
        String[] lines = out.strip().split("\\R");
        try {
            JsonNode node = new ObjectMapper().readTree(lines[lines.length - 1]);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * What is wrong with how this run failed, or null: a failure must exit 1 or 2 with exactly one line on
     * stderr, "error: " and a sentence, no stack trace and no exception class; under --json the last stdout line
     * must be a JSON object carrying the error and the exit code.
     */
    String failureProblem() {
        if (escaped != null) {
            return "an exception escaped Main.run: " + escaped;
        }
        if (exitCode != 1 && exitCode != 2) {
            return "exit code " + exitCode;
        }
        List<String> lines = errLines();
        if (lines.size() != 1) {
            return lines.size() + " stderr lines";
        }
        String line = lines.get(0);
        if (!line.startsWith("error: ") || line.length() < 20) {
            return "stderr is not 'error: <sentence>'";
        }
        if (err.contains("\tat ") || line.contains("Exception") || line.contains("java.") || line.contains("--verbose for the stack trace")) {
            return "stderr shows an internal exception";
        }
        if (!strayOut.isEmpty() || !strayErr.isEmpty()) {
            return "printed past the command's writers: " + strayOut + strayErr;
        }
        if (List.of(args).contains("--json") && jsonExpected()) {
            JsonNode json = lastJson();
            if (json == null || !json.hasNonNull("error") || json.path("exitCode").asInt() != exitCode) {
                return "--json, but the last stdout line is not an error object";
            }
        }
        return null;
    }

    /** --json belongs to the subcommands; a top-level parse error (unknown command) has no JSON to give. */
    private boolean jsonExpected() {
        return args.length > 0 && List.of("train", "eval", "gradcheck", "predict").contains(args[0]);
    }

    @Override
    public String toString() {
        return "mlp4j " + command() + " -> exit " + exitCode + "\nstderr: " + err + "stdout tail: "
                + out.substring(Math.max(0, out.length() - 400)) + (escaped == null ? "" : "\nescaped: " + escaped);
    }
}
