/**
 * Gradient checks: {@link dev.mlp4j.core.check.GradientCheck} compares backprop's gradient with finite differences
 * in double precision, and {@link dev.mlp4j.core.check.GradientComparison} compares a backend's gradient with the
 * reference's, both reported alike ({@link dev.mlp4j.core.check.GradientCheckReport}). They are how
 * {@link dev.mlp4j.core.nn}'s backprop and every backend are shown correct, in the tests and by {@code mlp4j gradcheck}.
 */
package dev.mlp4j.core.check;
