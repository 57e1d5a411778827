package dev.mlp4j.core.train;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A state no run could continue from is refused when it is made, with what is wrong with it. */
class TrainingStateTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 1);

    @Test
    void negative_epochs_and_missing_parts_are_refused() {
        Parameters p = new Parameters(SPEC);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new TrainingState(-3, p, p, p, List.of()));
        assertTrue(e.getMessage().contains("-3 epochs"), e.getMessage());
        InvalidInputException v = assertThrows(InvalidInputException.class, () -> new TrainingState(0, p, null, p, List.of()));
        assertTrue(v.getMessage().startsWith("The training state's velocities are null"), v.getMessage());
        assertThrows(InvalidInputException.class, () -> new TrainingState(0, null, p, p, List.of()));
        assertThrows(InvalidInputException.class, () -> new TrainingState(0, p, p, null, List.of()));
        assertThrows(InvalidInputException.class, () -> new TrainingState(0, p, p, p, null));
        assertThrows(InvalidInputException.class, () -> new TrainingState(1, p, p, p, Arrays.asList((EpochResult) null)));
        assertThrows(InvalidInputException.class, () -> TrainingState.fresh(null));
    }

    @Test
    void velocities_or_best_parameters_of_another_network_are_refused() {
        Parameters p = new Parameters(SPEC);
        Parameters other = new Parameters(NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 1));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new TrainingState(0, p, other, p, List.of()));
        assertTrue(e.getMessage().startsWith("The velocities are for the network 2,5,1"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new TrainingState(0, p, p, other, List.of()));
        assertEquals(0, TrainingState.fresh(p).epochsDone());
    }
}
