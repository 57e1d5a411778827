package dev.mlp4j.verify.mistake;

import java.util.List;

/**
 * A named mistake whose effect the user's numbers show.
 *
 * @param kind    which mistake
 * @param arrays  the arrays (user's names, e.g. "biases[0]") it shows in, or entry ranges for a step's
 *                parameters that did not move (e.g. "biases[0][2..4]")
 * @param value   the number behind it where there is one (a constant factor, say), else null
 * @param message one or two sentences: what the numbers show and what to change
 */
public record Diagnosis(DiagnosisKind kind, List<String> arrays, Double value, String message) {
    public Diagnosis {
        arrays = List.copyOf(arrays);
    }
}
