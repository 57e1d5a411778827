package dev.mlp4j.verify;

import dev.mlp4j.testdata.Fixtures;
import dev.mlp4j.verify.compare.Tolerance;
import dev.mlp4j.verify.file.VerifyFile;
import dev.mlp4j.verify.file.VerifyFileReader;
import dev.mlp4j.verify.mistake.DiagnosisKind;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The example files in testdata's verify/ folder, written by a hand-written JavaScript net (see their README), say
 * what their names promise.
 */
class ShippedExamplesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "correct.json, false, ''",
            "output-delta-times-sigma-prime.json, false, OUTPUT_DELTA_TIMES_SIGMA_PRIME",
            "summed-not-averaged.json, false, SUMMED_NOT_AVERAGED",
            "sign-flipped.json, false, SIGN_FLIPPED",
            "hidden-delta-without-sigma-prime.json, false, HIDDEN_DELTA_WITHOUT_SIGMA_PRIME",
            "sigma-prime-of-activation.json, false, SIGMA_PRIME_OF_ACTIVATION",
            "transposed-weight-gradient.json, false, TRANSPOSED_WEIGHT_GRADIENT",
            "layer-skipped.json, false, LAYER_SKIPPED",
            "raw-pixels.json, false, ''",
            "step-correct.json, true, ''",
            "step-per-example.json, true, PER_EXAMPLE_UPDATES",
            "step-l2-ignored.json, true, L2_IGNORED",
            "step-not-updated.json, true, PARAMETERS_NOT_UPDATED"})
    void each_example_is_diagnosed_as_its_name_says(String name, boolean step, String expected) {
        String text = new String(Fixtures.bytes("verify/" + name), StandardCharsets.UTF_8);
        VerifyFile file = VerifyFileReader.fromJson(name, text);
        VerifyReport r = step ? Verifier.verifyStep(file, Tolerance.DEFAULT) : Verifier.verify(file, Tolerance.DEFAULT);
        Set<DiagnosisKind> kinds = expected.isEmpty() ? EnumSet.noneOf(DiagnosisKind.class)
                : Arrays.stream(expected.split(" ")).map(DiagnosisKind::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(DiagnosisKind.class)));
        assertEquals(kinds, GradientDiagnosisTest.kinds(r), r.diagnoses()::toString);
        assertEquals(expected.isEmpty(), r.match());
    }
}
