/**
 * The tutor: explains other people's networks against mlp4j's reference, apart from the library itself.
 *
 * <p>{@link dev.mlp4j.verify.Verifier} checks a verify file (docs/verify.md), which records what a hand-written net
 * computed, and returns a {@link dev.mlp4j.verify.VerifyReport}: each array against the reference, and the mistakes
 * that reproduce the differences. Its parts live in the subpackages, each depending only on those listed before it:
 * <ul>
 *   <li>{@code file}: the verify file, read and checked for shape, in the file's own layout;</li>
 *   <li>{@code reference}: backprop written out layer by layer and the SGD step rule, able to make the usual
 *       mistakes on purpose;</li>
 *   <li>{@code compare}: when a claimed number counts as the reference's, array by array;</li>
 *   <li>{@code mistake}: the searches that name a mistake by reproducing the user's numbers with it.</li>
 * </ul>
 * {@code diagnose} looks at a whole network instead of one computation: whether it can learn as it stands.
 *
 * <p>Everything here is built on {@code mlp4j-core} (the network, its gradient, the JSON reader) and nothing in core
 * depends on it; the CLI's {@code verify} and {@code diagnose} commands render its reports.
 */
package dev.mlp4j.verify;
