#!/usr/bin/env python3
"""Times epochs of mini-batch SGD in numpy (float32 by default): the peer that `mlp4j bench` is compared with.

The same work as a training step of mlp4j: for each batch of rows, every layer's forward product, the output's
cost and delta, the backward products and the weight gradients, then w -= eta * grad. Examples are random and
MNIST-shaped (the arithmetic of dense products does not depend on the values). Prints one line per timed epoch
and a last line "median S s/epoch, N examples/s".

    python3 testdata/scripts/mlp_numpy_bench.py --layers 784,1024,1024,10 --batch 128 --hidden relu --output softmax
"""
import argparse
import statistics
import time

import numpy as np


def activation(name):
    if name == "sigmoid":
        def f(z):
            return 1.0 / (1.0 + np.exp(-z))

        def df(z, a):
            return a * (1 - a)
    elif name == "relu":
        def f(z):
            return np.maximum(z, 0)

        def df(z, a):
            return (z > 0).astype(z.dtype)
    elif name == "tanh":
        def f(z):
            return np.tanh(z)

        def df(z, a):
            return 1 - a * a
    else:
        raise SystemExit("unknown hidden activation " + name)
    return f, df


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--layers", default="784,100,10")
    p.add_argument("--batch", type=int, default=10)
    p.add_argument("--examples", type=int, default=10000)
    p.add_argument("--epochs", type=int, default=3, help="timed epochs, after one untimed warm-up epoch")
    p.add_argument("--hidden", default="relu", help="sigmoid, relu or tanh")
    p.add_argument("--output", default="softmax", help="softmax (log-likelihood) or sigmoid (cross-entropy)")
    p.add_argument("--dtype", default="float32")
    p.add_argument("--lr", type=float, default=0.1)
    args = p.parse_args()
    dt = np.dtype(args.dtype)
    sizes = [int(s) for s in args.layers.replace("-", ",").split(",")]
    rng = np.random.default_rng(1)
    n = args.examples
    x = (rng.random((n, sizes[0])) * (rng.random((n, sizes[0])) < 0.2)).astype(dt)
    labels = rng.integers(0, sizes[-1], n)
    y = np.zeros((n, sizes[-1]), dt)
    y[np.arange(n), labels] = 1
    ws = [(rng.standard_normal((o, i)) / np.sqrt(i)).astype(dt) for i, o in zip(sizes[:-1], sizes[1:])]
    bs = [np.zeros(o, dt) for o in sizes[1:]]
    f, df = activation(args.hidden)
    eta = dt.type(args.lr)

    def epoch():
        order = rng.permutation(n)
        cost = 0.0
        for start in range(0, n, args.batch):
            idx = order[start:start + args.batch]
            a = x[idx]
            yb = y[idx]
            m = a.shape[0]
            acts, zs = [a], []
            for l, (w, b) in enumerate(zip(ws, bs)):
                z = a @ w.T + b
                zs.append(z)
                if l < len(ws) - 1:
                    a = f(z)
                elif args.output == "softmax":
                    e = np.exp(z - z.max(axis=1, keepdims=True))
                    a = e / e.sum(axis=1, keepdims=True)
                else:
                    a = 1.0 / (1.0 + np.exp(-z))
                acts.append(a)
            if args.output == "softmax":
                cost += float(-np.log(np.maximum(a[yb > 0], 1e-30)).sum())
            else:
                cost += float((np.logaddexp(0, zs[-1]) - yb * zs[-1]).sum())
            delta = a - yb
            for l in range(len(ws) - 1, -1, -1):
                gw = delta.T @ acts[l] / dt.type(m)
                gb = delta.mean(axis=0)
                if l > 0:
                    delta = (delta @ ws[l]) * df(zs[l - 1], acts[l])
                ws[l] -= eta * gw
                bs[l] -= eta * gb
        return cost

    epoch()
    times = []
    for e in range(args.epochs):
        t0 = time.perf_counter()
        epoch()
        t = time.perf_counter() - t0
        times.append(t)
        print(f"epoch {e + 1}: {t:.3f} s, {n / t:,.0f} examples/s")
    med = statistics.median(times)
    print(f"median {med:.3f} s/epoch, {n / med:,.0f} examples/s ({args.layers} @ {args.batch}, {args.hidden}/{args.output}, {args.dtype})")


if __name__ == "__main__":
    main()
