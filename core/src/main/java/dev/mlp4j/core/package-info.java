/**
 * mlp4j's core: a multi-layer perceptron trained by mini-batch SGD in pure Java, the reference every other backend
 * is measured against. It depends on nothing but the JDK.
 *
 * <p>The packages: {@link dev.mlp4j.core.data} holds examples; {@link dev.mlp4j.core.nn} is the
 * network itself (its shape, parameters, activations, costs and backprop); {@link dev.mlp4j.core.backend} is where the
 * arithmetic runs, the Java reference or a device found by {@link java.util.ServiceLoader}; {@link dev.mlp4j.core.train}
 * orders that arithmetic into epochs, with {@link dev.mlp4j.core.train.checkpoint} to stop and continue a run;
 * {@link dev.mlp4j.core.io} saves and loads models; {@link dev.mlp4j.core.predict} answers single examples with a saved
 * model; {@link dev.mlp4j.core.check} compares gradients with finite differences.
 *
 * <p>This package holds what all of them share: {@link dev.mlp4j.core.InvalidInputException}, the one exception for
 * input mlp4j cannot use, and {@link dev.mlp4j.core.MessageText}, which shows a user's text safely inside its
 * messages.
 */
package dev.mlp4j.core;
