/**
 * The {@code eval} command: a saved model's accuracy, cost and confusion matrix on a data set's test set, on any
 * backend, and optionally a report folder (the shared {@code report} package). Its sibling {@code predict}
 * classifies single examples from files.
 */
package dev.mlp4j.cli.eval;
