/**
 * A verify file as the user's code wrote it: the network, its parameters, the examples, and what the user computed
 * from them (activations, δ, gradient, one training step).
 *
 * <p>{@link dev.mlp4j.verify.file.VerifyFileReader} reads the JSON (docs/verify.md) into a
 * {@link dev.mlp4j.verify.file.VerifyFile}, with one sentence naming the file and the field for any problem.
 * {@link dev.mlp4j.verify.file.ParameterArray} translates between the file's layout ({@code weights[i][j][k]} from
 * neuron j of layer i to neuron k of layer i+1) and core's, so every other package names entries as the user wrote
 * them. This package depends on core alone.
 */
package dev.mlp4j.verify.file;
