#!/usr/bin/env python3
"""Chapter 3's network (Nielsen's network2.py: sigmoid layers, cross-entropy, L2, mini-batch SGD) in numpy,
written independently of mlp4j, to tell what test accuracy a faithful implementation reaches on MNIST.

It follows network2.py's arithmetic with the mini-batch as one matrix instead of a loop over examples (the same sums,
in another order): weights N(0,1)/sqrt(fan_in) ("scaled", network2's default) or N(0,1) ("large"), biases N(0,1),
w <- (1 - eta*lambda/n) w - (eta/m) sum dC/dw, the training set shuffled every epoch. float64 unless --dtype float32.

    python3 testdata/scripts/network2_numpy.py --data ../shared/mnist --seed 1

With --rng java the initial parameters and every epoch's order are drawn as mlp4j draws them for the same --seed
(java.util.Random, whose algorithms its documentation fixes, reproduced here), and pixels are read as mlp4j reads
them (float32 x/255): the run then starts from mlp4j's weights and sees its batches, so the two can be compared
epoch by epoch, apart from the order in which each does its sums.

prints one line per epoch with validation and test accuracy, then a JSON line with the figures.
"""
import argparse
import gzip
import json
import os
import time

import numpy as np

from java_random import mlp4j_initial_parameters, mlp4j_order


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(data, scale, like_mlp4j):
    def images(name):
        raw = read_idx(os.path.join(data, name))
        x = raw.reshape(raw.shape[0], -1)
        if like_mlp4j:
            return (x.astype(np.float32) / np.float32(255)).astype(np.float64)
        return x.astype(np.float64) / scale

    def labels(name):
        return read_idx(os.path.join(data, name)).astype(np.int64)

    x, y = images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz")
    xt, yt = images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz")
    return (x[:50000], y[:50000]), (x[50000:], y[50000:]), (xt, yt)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def accuracy(weights, biases, x, y):
    a = x
    for w, b in zip(weights, biases):
        a = sigmoid(a @ w.T + b)
    return float(np.mean(np.argmax(a, axis=1) == y))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default="../shared/mnist")
    p.add_argument("--layers", default="784,100,10")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch", type=int, default=10)
    p.add_argument("--lr", type=float, default=0.5)
    p.add_argument("--l2", type=float, default=5.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--init", choices=["scaled", "large"], default="scaled")
    p.add_argument("--dtype", choices=["float64", "float32"], default="float64",
                   help="float32 times the loop the opencl backend's speed target is set against")
    p.add_argument("--rng", choices=["numpy", "java"], default="numpy",
                   help="java: mlp4j's initial parameters, orders and pixel values for the same --seed")
    p.add_argument("--pixel-scale", type=float, default=255.0,
                   help="divide pixels by this (mnist.pkl.gz, which network2.py reads, holds x/256)")
    args = p.parse_args()

    sizes = [int(s) for s in args.layers.split(",")]
    dtype = np.dtype(args.dtype)
    like_mlp4j = args.rng == "java"
    (x, y), (xv, yv), (xt, yt) = load(args.data, args.pixel_scale, like_mlp4j)
    x, xv, xt = x.astype(dtype), xv.astype(dtype), xt.astype(dtype)
    n = len(x)
    targets = np.eye(sizes[-1], dtype=dtype)[y]
    rng = np.random.default_rng(args.seed)
    if like_mlp4j:
        weights, biases = mlp4j_initial_parameters(sizes, args.seed, "normal-scaled" if args.init == "scaled" else "normal")
        weights = [w.astype(dtype) for w in weights]
        biases = [b.astype(dtype) for b in biases]
    else:
        weights = [(rng.standard_normal((o, i)) / (np.sqrt(i) if args.init == "scaled" else 1.0)).astype(dtype)
                   for i, o in zip(sizes[:-1], sizes[1:])]
        biases = [rng.standard_normal(o).astype(dtype) for o in sizes[1:]]
    decay = dtype.type(1.0 - args.lr * args.l2 / n)
    step = {m: dtype.type(args.lr / m) for m in range(1, args.batch + 1)}

    best = 0.0
    test = 0.0
    for epoch in range(1, args.epochs + 1):
        start = time.time()
        order = mlp4j_order(n, args.seed, epoch) if like_mlp4j else rng.permutation(n)
        for k in range(0, n, args.batch):
            idx = order[k:k + args.batch]
            m = len(idx)
            activations = [x[idx]]
            for w, b in zip(weights, biases):
                activations.append(sigmoid(activations[-1] @ w.T + b))
            delta = activations[-1] - targets[idx]  # cross-entropy with a sigmoid output
            for l in range(len(weights) - 1, -1, -1):
                grad_w = delta.T @ activations[l]
                grad_b = delta.sum(axis=0)
                if l > 0:
                    a = activations[l]
                    delta_prev = (delta @ weights[l]) * a * (1.0 - a)
                weights[l] = decay * weights[l] - step[m] * grad_w
                biases[l] = biases[l] - step[m] * grad_b
                if l > 0:
                    delta = delta_prev
        seconds = time.time() - start
        validation = accuracy(weights, biases, xv, yv)
        test = accuracy(weights, biases, xt, yt)
        best = max(best, test)
        print(f"epoch {epoch}/{args.epochs}  validation {100 * validation:.2f}%  test {100 * test:.2f}%  {seconds:.2f} s",
              flush=True)
    print(json.dumps({"seed": args.seed, "rng": args.rng, "init": args.init, "epochs": args.epochs, "dtype": args.dtype,
                      "testAccuracy": test, "bestTestAccuracy": best}))


if __name__ == "__main__":
    main()
