package dev.mlp4j.cli.options;

import dev.mlp4j.cli.CliRun;
import dev.mlp4j.core.Action;
import dev.mlp4j.core.Fix;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;
import dev.mlp4j.core.Setting;
import dev.mlp4j.core.SettingWords;
import dev.mlp4j.core.train.TrainingConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line writes each setting a fix names as the option of train that sets it, and each action as its command. */
class OptionWordsTest {

    @Test
    void every_setting_is_an_option_of_train() {
        String help = CliRun.of("train", "--help").out();
        for (Setting s : Setting.values()) {
            if (s == Setting.JAVA_HEAP || s == Setting.TOLERANCE) {
                continue; // the JVM's, and verify's, which the next tests cover
            }
            assertTrue(help.contains("[" + OptionWords.option(s) + "="), OptionWords.option(s) + " for " + s + " is not in:\n" + help);
        }
    }

    @Test
    void the_tolerance_is_an_option_of_verify() {
        String help = CliRun.of("verify", "--help").out();
        assertTrue(help.contains("[" + OptionWords.option(Setting.TOLERANCE) + "="), help);
    }

    @Test
    void the_java_heap_is_set_where_the_tool_is_started() {
        assertEquals("JAVA_OPTS=-Xmx3g ./mlp4j ..., or java -Xmx3g -jar mlp4j.jar ...", OptionWords.WORDS.write(Setting.JAVA_HEAP, "3g"));
        assertEquals("java -Xmx3g", SettingWords.JAVA.write(Setting.JAVA_HEAP, "3g"));
    }

    @Test
    void every_action_is_a_command_of_the_tool() {
        String help = CliRun.of("--help").out();
        for (Action a : Action.values()) {
            assertTrue(help.contains("  " + OptionWords.command(a) + " "), OptionWords.command(a) + " for " + a + " is not in:\n" + help);
        }
    }

    @Test
    void an_action_in_a_fix_is_the_command_line_to_type() {
        Problem p = new Problem("m.json: no such model file", null, Fix.of("train one with ", Action.TRAIN.with(Setting.SAVE.at("m.json"))));
        assertEquals("m.json: no such model file; train one with './mlp4j train --save m.json'.", p.sentence(OptionWords.WORDS));
        assertEquals("m.json: no such model file; train one with Trainer.run and ModelFile.save(m.json).", p.sentence(SettingWords.JAVA));
        Problem download = new Problem("d: x(.gz) is missing", null, Fix.of("run ", Action.DOWNLOAD.run(), " or point ", Setting.DATA.alone(), " at it"));
        assertEquals("d: x(.gz) is missing; run './mlp4j download' or point --data at it.", download.sentence(OptionWords.WORDS));
    }

    @Test
    void a_library_refusal_reads_as_advice_about_options() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TrainingConfig.builder().setEpochs(1).setBatchSize(10).setLearningRate(0.5).optMomentum(1.0).build());
        assertEquals("Momentum must be in [0, 1), not 1.0; try --momentum 0.9 or leave it out.", OptionWords.sentence(e));
    }
}
