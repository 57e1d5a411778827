package dev.mlp4j.cli.options;

import dev.mlp4j.cli.CliRun;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Setting;
import dev.mlp4j.core.train.TrainingConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line writes each setting a fix names as the option of train that sets it. */
class OptionWordsTest {

    @Test
    void every_setting_is_an_option_of_train() {
        String help = CliRun.of("train", "--help").out();
        for (Setting s : Setting.values()) {
            assertTrue(help.contains("[" + OptionWords.option(s) + "="), OptionWords.option(s) + " for " + s + " is not in:\n" + help);
        }
    }

    @Test
    void a_library_refusal_reads_as_advice_about_options() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TrainingConfig.builder().setEpochs(1).setBatchSize(10).setLearningRate(0.5).optMomentum(1.0).build());
        assertEquals("Momentum must be in [0, 1), not 1.0; try --momentum 0.9 or leave it out.", OptionWords.sentence(e));
    }
}
