/**
 * The network itself, in double precision: its shape ({@link dev.mlp4j.core.nn.NetworkSpec}), its weights and biases
 * ({@link dev.mlp4j.core.nn.Parameters}, {@link dev.mlp4j.core.nn.WeightInit}), the activations and costs, and the
 * forward pass and backpropagation over a batch ({@link dev.mlp4j.core.nn.Backprop}), written to be read beside
 * Nielsen's network2.py.
 *
 * <p>This is the mathematics every backend must agree with: {@link dev.mlp4j.core.backend.ReferenceBackend} runs it as
 * it is, device backends reproduce it in float32, and the tests hold them to it. A new activation or cost goes here,
 * as a constant of {@link dev.mlp4j.core.nn.Activation} or {@link dev.mlp4j.core.nn.Cost}; the agreement tests' coverage
 * guard then names the backends that do not yet compute it.
 */
package dev.mlp4j.core.nn;
