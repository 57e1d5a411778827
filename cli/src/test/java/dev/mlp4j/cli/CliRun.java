package dev.mlp4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and keeps what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The last stdout line parsed as JSON, as --json promises. */
    public JsonNode json() {
        String[] lines = out.strip().split("\n");
        try {
            return new ObjectMapper().readTree(lines[lines.length - 1]);
        } catch (Exception e) {
            throw new AssertionError("last stdout line is not JSON: " + lines[lines.length - 1], e);
        }
    }
}
