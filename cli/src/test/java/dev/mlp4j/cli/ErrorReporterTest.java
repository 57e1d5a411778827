package dev.mlp4j.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the error reporter says for errors no command catches. */
class ErrorReporterTest {

    @Test
    void out_of_memory_says_how_to_give_more_heap_with_the_launcher_and_with_java_jar() {
        String s = ErrorReporter.sentence(new OutOfMemoryError("Java heap space"));
        assertTrue(s.contains("JAVA_OPTS=-Xmx8g ./mlp4j") && s.contains("java -Xmx8g -jar"), s);
    }

    @Test
    void an_unknown_command_with_json_still_ends_with_the_json_error() {
        CliRun r = CliRun.of("nosuchcmd", "--json");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertEquals(ExitCodes.USAGE, r.json().get("exitCode").asInt(), r.out());
        assertTrue(r.json().get("error").asText().contains("nosuchcmd"), r.out());
    }

    @Test
    void an_unknown_command_is_called_one_and_the_commands_are_listed() {
        CliRun r = CliRun.of("nosuch");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("error: Unknown command 'nosuch'; use one of train, eval, predict, gradcheck, devices, bench, download, "
                + "verify, diagnose, help."), r.err());
        CliRun json = CliRun.of("nosuch", "--json");
        assertTrue(json.json().get("error").asText().startsWith("Unknown command 'nosuch'; use one of train, eval"), json.out());
    }
}
