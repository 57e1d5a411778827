/**
 * Examples and where they come from: {@link dev.mlp4j.core.data.DataSet} holds a set compactly and cuts
 * {@link dev.mlp4j.core.data.Batch}es from it; the readers find MNIST-format files on disk
 * ({@link dev.mlp4j.core.data.DataLocator}), parse them ({@link dev.mlp4j.core.data.IdxReader}) and say which known
 * data set they are ({@link dev.mlp4j.core.data.KnownFiles}); {@link dev.mlp4j.core.data.Examples} generates small
 * problems. Nothing here knows about networks: {@link dev.mlp4j.core.nn} and the backends read batches, and
 * {@link dev.mlp4j.core.train} reads data sets.
 */
package dev.mlp4j.core.data;
