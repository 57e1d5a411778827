/**
 * When the user's numbers count as the reference's: a {@link dev.mlp4j.verify.compare.Tolerance} relative to each
 * array's scale, one {@link dev.mlp4j.verify.compare.ArrayComparison} per array naming the first entries that
 * differ in the user's indices, and arithmetic on whole sets of parameter-shaped arrays for the mistake searches.
 * Builds on {@code file} (the user's layout) and {@code reference} (the traces compared against).
 */
package dev.mlp4j.verify.compare;
