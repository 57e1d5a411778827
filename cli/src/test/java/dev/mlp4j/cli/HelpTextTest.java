package dev.mlp4j.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Help and output texts that must say what the commands do. */
class HelpTextTest {

    @Test
    void example_help_of_commands_that_do_not_train_does_not_say_train() {
        for (String command : new String[] {"eval", "diagnose", "train"}) {
            String help = CliRun.of(command, "--help").out();
            assertTrue(help.contains("--example"), help);
            assertFalse(help.contains("Train on a generated"), command + ": " + help);
        }
    }

    @Test
    void diagnose_names_the_backend_that_ran() {
        CliRun r = CliRun.of("diagnose", "--layers", "2,5,1", "--example", "circle", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("backend core on Java (reference, float64)"), r.out());
        assertEquals("core", r.json().get("backend").asText());
    }
}
