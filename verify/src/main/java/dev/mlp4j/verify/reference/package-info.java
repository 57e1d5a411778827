/**
 * The reference computations written out plainly, so that each usual mistake can be made on purpose.
 *
 * <p>{@link dev.mlp4j.verify.reference.BackpropTracer} runs the network example by example and keeps every z, a and δ
 * (a {@link dev.mlp4j.verify.reference.Trace}), correctly or with a
 * {@link dev.mlp4j.verify.reference.BackpropMistake}; with none its gradient is core's {@code Backprop}'s.
 * {@link dev.mlp4j.verify.reference.StepRule} turns a gradient into one SGD step, and its mistaken variants are the
 * same rule with one setting changed. The {@code mistake} package compares their results with the user's numbers;
 * {@code diagnose} reads the traces' pre-activations.
 */
package dev.mlp4j.verify.reference;
