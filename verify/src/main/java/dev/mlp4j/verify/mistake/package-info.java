/**
 * Naming the mistake behind a difference. {@link dev.mlp4j.verify.mistake.GradientBugPatterns} and
 * {@link dev.mlp4j.verify.mistake.StepBugPatterns} recompute the gradient or the step with each known mistake made on
 * purpose (through {@code reference}) and keep those that reproduce the user's numbers (judged by {@code compare});
 * each becomes a {@link dev.mlp4j.verify.mistake.Diagnosis} of a {@link dev.mlp4j.verify.mistake.DiagnosisKind},
 * whose ids are part of the JSON output. A mistake is named only when its numbers match, never guessed.
 */
package dev.mlp4j.verify.mistake;
