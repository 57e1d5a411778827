package dev.mlp4j.core;

import dev.mlp4j.core.train.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A refusal is a value: its parts are fields, and each front end writes the settings of its fix in its own words. */
class ProblemTest {
    private static final SettingWords FLAGS = (s, v) -> "--" + s.name().toLowerCase() + (v == null ? "" : " " + v);

    @Test
    void a_training_setting_out_of_range_is_a_problem_whose_fix_names_the_setting() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TrainingConfig.builder().setEpochs(0).setBatchSize(10).setLearningRate(0.5).build());
        Problem p = e.problem().orElseThrow();
        assertEquals("The number of epochs must be at least 1", p.what());
        assertEquals("0", p.given());
        assertEquals(List.of(Setting.EPOCHS), p.fix().settings());
        assertEquals("The number of epochs must be at least 1, not 0; try setEpochs(30).", e.getMessage());
        assertEquals("The number of epochs must be at least 1, not 0; try --epochs 30.", e.message(FLAGS));
    }

    @Test
    void placing_a_problem_in_a_file_and_going_on_after_it_keeps_it_a_value() {
        Problem p = new Problem("softmax can only be the output activation", null,
                Fix.of("use ", Setting.HIDDEN.at("sigmoid"), ", tanh, relu or linear"));
        InvalidInputException e = new InvalidInputException(p).placedIn("m.json: 'network': ").goingOn("; check the file");
        assertSame(p, e.problem().orElseThrow());
        assertEquals("m.json: 'network': ", e.place());
        assertEquals("m.json: 'network': softmax can only be the output activation; use --hidden sigmoid, tanh, relu or linear; "
                + "check the file.", e.message(FLAGS));
        assertEquals("m.json: 'network': softmax can only be the output activation; use the hidden activation sigmoid, tanh, relu "
                + "or linear; check the file.", e.getMessage());
    }

    @Test
    void a_refusal_made_as_a_sentence_stays_that_sentence() {
        InvalidInputException e = new InvalidInputException("The file is gone; give another.");
        assertEquals("The file is gone; give another.", e.message(FLAGS));
        assertEquals("The file is gone; give another.", e.goingOn("; more").getMessage());
        assertEquals("x: The file is gone; give another.", e.placedIn("x: ").getMessage());
    }
}
