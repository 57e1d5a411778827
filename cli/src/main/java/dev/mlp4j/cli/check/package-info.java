/**
 * The commands that check a network rather than train it: {@code gradcheck} (backprop's gradient against finite
 * differences, or a float32 backend's against core's), {@code verify} (a hand-written network's forward pass, δ and
 * gradient, from a verify file, against the reference) and {@code diagnose} (what keeps a network from learning,
 * layer by layer, from a few batches run without training). The work is mlp4j-core's; these classes read the
 * options and print the results.
 */
package dev.mlp4j.cli.check;
