/**
 * Using a trained network: {@link dev.mlp4j.core.predict.Classifier} answers single examples with a class, the
 * probabilities and the raw outputs, on the reference backend, from a model {@link dev.mlp4j.core.io} loaded.
 */
package dev.mlp4j.core.predict;
