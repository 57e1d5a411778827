package dev.mlp4j.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a new user's usual command-line slips get: the option meant, the usage, networks written as in prose. */
class CommandLineMistakesTest {

    @Test
    void no_command_prints_the_usage_on_stderr_and_exits_2() {
        CliRun r = CliRun.of();
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("Usage: mlp4j") && r.err().contains("train"), r.err());
        assertEquals("", r.out(), "stdout stays empty");
        assertEquals(0, CliRun.of("--help").exitCode(), "asking for help is no mistake");
    }

    @Test
    void names_of_options_from_other_tools_get_the_option_mlp4j_calls_it() {
        assertSuggests("--lr", "train", "--example", "circle", "--learning-rate", "0.1");
        assertSuggests("--lr", "train", "--example", "circle", "--learning_rate=0.1");
        assertSuggests("--lr", "train", "--eta", "0.1");
        assertSuggests("--batch", "train", "--batch-size", "100");
        assertSuggests("--batch", "train", "--mini-batch-size", "100");
        assertSuggests("--epochs", "train", "--epoch", "5");
        assertSuggests("--l2", "train", "--lambda", "5");
        assertSuggests("--batch", "diagnose", "--batch-size", "100");
    }

    @Test
    void a_typo_gets_picoclis_closest_option() {
        assertSuggests("--momentum", "train", "--momentm", "0.9");
        assertSuggests("--hidden", "train", "--hiden", "relu");
    }

    @Test
    void an_unknown_option_far_from_every_option_gets_no_suggestion() {
        for (String[] args : new String[][] {{"train", "--nosuch"}, {"--verbos"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
            assertFalse(r.err().contains("did you mean"), "picocli's nearest (--no-progress, --version) is no likely one: " + r.err());
        }
        assertEquals(1, OptionSuggestion.distance("--momentm", "--momentum"));
        assertEquals(3, OptionSuggestion.distance("kitten", "sitting"));
    }

    @Test
    void an_option_the_command_does_not_have_is_never_suggested() {
        CliRun r = CliRun.of("eval", "--model", "m.json", "--learning-rate", "0.1");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertFalse(r.err().contains("--lr"), "eval has no --lr: " + r.err());
        assertTrue(r.err().contains("--learning-rate"), r.err());
    }

    @Test
    void suggestions_reach_the_json_error_too() {
        CliRun r = CliRun.of("train", "--learning-rate", "0.1", "--json");
        assertEquals(ExitCodes.USAGE, r.json().get("exitCode").asInt(), r.out());
        assertTrue(r.json().get("error").asText().startsWith("Unknown option '--learning-rate'; did you mean --lr?"), r.out());
    }

    @Test
    void layers_written_with_hyphens_as_in_prose_are_read() {
        CliRun train = CliRun.of("train", "--example", "circle", "--layers", "2-5-1", "--epochs", "1", "--backend", "core",
                "--no-progress", "--json");
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("network: 2,5,1 "), train.out());
        CliRun gradcheck = CliRun.of("gradcheck", "--layers", "3-4-2", "--hidden", "tanh", "--output", "sigmoid",
                "--cost", "cross-entropy", "--json");
        assertEquals(0, gradcheck.exitCode(), gradcheck.err());
        assertTrue(CliRun.of("train", "--help").out().contains("784-30-10"), "the help says so");
    }

    @Test
    void a_batch_larger_than_the_training_set_is_the_whole_set_and_the_run_says_what_that_means() {
        CliRun r = CliRun.of("train", "--example", "circle", "--batch", "5000", "--epochs", "2", "--backend", "core", "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("note: --batch 5000 is more than the 700 training examples, so each batch is the whole set:"
                + " one step per epoch, 2 steps in all"), r.out());
        CliRun whole = CliRun.of("train", "--example", "circle", "--batch", "700", "--epochs", "1", "--backend", "core", "--no-progress");
        assertFalse(whole.out().contains("note: --batch"), "a batch of exactly the set is what was asked: " + whole.out());
    }

    private static void assertSuggests(String option, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        String given = java.util.Arrays.stream(args).filter(a -> a.startsWith("--") && !a.equals("--example")
                && !a.equals("--model")).findFirst().orElseThrow().split("=")[0];
        assertTrue(r.err().startsWith("error: Unknown option '" + given + "'; did you mean " + option + "?"), r.err());
    }
}
