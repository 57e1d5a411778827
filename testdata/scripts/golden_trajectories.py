#!/usr/bin/env python3
"""Writes src/main/resources/dev/mlp4j/testdata/golden/trajectories.json.

Whole training runs of small networks, computed independently of the library: the forward pass and gradients of
golden_gradients.py (themselves checked there against finite differences), mini-batch SGD with momentum and L2 as
network2.py and the usual momentum form write it, and mlp4j's random draws for the initial parameters and each
epoch's order (java_random.py), so that the Java trainer given the same seed must follow the same path. What this
pins beyond one gradient: the draw order of the initial parameters, each epoch's permutation, how the permutation is
cut into batches (the last one short), the mean over each batch's own size, L2 scaled by the training-set size,
momentum's velocity carried across batches and epochs, the epoch's learning rate, and the epoch's mean cost.

Usage: python3 testdata/scripts/golden_trajectories.py   (needs numpy)
"""

import json
import os

import numpy as np

from golden_gradients import COSTS, forward, gradients, to_json
from java_random import mlp4j_initial_parameters, mlp4j_order

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_FILE = os.path.join(HERE, "..", "src", "main", "resources", "dev", "mlp4j", "testdata", "golden", "trajectories.json")

CASES = [
    # Nielsen's chapter 3 recipe in small: sigmoid layers, cross-entropy, L2, plain SGD, 22 examples in batches of 4.
    dict(name="sigmoid-cross-entropy-l2", layers=[6, 5, 3], hidden="sigmoid", output="sigmoid", cost="cross-entropy",
         init="normal-scaled", seed=7, examples=22, batch=4, learning_rates=[0.5, 0.5, 0.5], momentum=0.0, l2=0.3,
         data_seed=101),
    # Momentum across batches and epochs, a learning rate that changes between epochs, U[-1,1] initial parameters.
    dict(name="tanh-softmax-log-likelihood-momentum", layers=[5, 4, 4, 3], hidden="tanh", output="softmax",
         cost="log-likelihood", init="uniform", seed=11, examples=23, batch=5, learning_rates=[0.1, 0.1, 0.05, 0.05],
         momentum=0.9, l2=0.1, data_seed=202),
    # N(0,1) initial parameters (Nielsen's large weights), quadratic cost through a sigmoid output, a batch of one.
    dict(name="sigmoid-quadratic-large-init-batch-1", layers=[4, 6, 2], hidden="sigmoid", output="sigmoid",
         cost="quadratic", init="normal", seed=3, examples=9, batch=1, learning_rates=[3.0, 3.0], momentum=0.0, l2=0.0,
         data_seed=303),
]


def data(case):
    """Inputs in [0, 1) rounded to float32, as mlp4j's data sets hold them; one-hot targets."""
    rng = np.random.default_rng(case["data_seed"])
    inputs = rng.uniform(0.0, 1.0, (case["examples"], case["layers"][0])).astype(np.float32).astype(np.float64)
    labels = rng.integers(0, case["layers"][-1], case["examples"])
    return inputs, labels, np.eye(case["layers"][-1])[labels]


def train(case, inputs, targets):
    weights, biases = mlp4j_initial_parameters(case["layers"], case["seed"], case["init"])
    initial = ([w.copy() for w in weights], [b.copy() for b in biases])
    v_weights = [np.zeros_like(w) for w in weights]
    v_biases = [np.zeros_like(b) for b in biases]
    n, m, mu = case["examples"], case["batch"], case["momentum"]
    epochs = []
    for epoch, eta in enumerate(case["learning_rates"], start=1):
        order = mlp4j_order(n, case["seed"], epoch)
        cost_sum = 0.0
        for start in range(0, n, m):
            idx = order[start:start + m]
            batch = dict(case, inputs=inputs[idx], targets=targets[idx], n=n)
            _, activations = forward(batch, weights, biases, batch["inputs"])
            cost_sum += float(np.sum(COSTS[case["cost"]][0](activations[-1], batch["targets"])))
            # gradients() returns the batch mean plus (lambda/n) w for the weights: the whole gradient of the cost.
            grad_w, grad_b = gradients(batch, weights, biases)
            for l in range(len(weights)):
                v_weights[l] = mu * v_weights[l] - eta * grad_w[l]
                v_biases[l] = mu * v_biases[l] - eta * grad_b[l]
                weights[l] = weights[l] + v_weights[l]
                biases[l] = biases[l] + v_biases[l]
        epochs.append({"learning_rate": eta, "training_cost": cost_sum / n,
                       "weights": [rows(w) for w in weights], "biases": [vector(b) for b in biases]})
    return initial, epochs


def rows(array):
    return [[float(v) for v in row] for row in array]


def vector(array):
    return [float(v) for v in array]


def main():
    out_cases = []
    for case in CASES:
        inputs, labels, targets = data(case)
        (weights, biases), epochs = train(case, inputs, targets)
        costs = " ".join(f"{e['training_cost']:.6f}" for e in epochs)
        print(f"{case['name']:40s} epoch costs {costs}")
        out_cases.append({
            "name": case["name"], "layers": case["layers"], "hidden": case["hidden"], "output": case["output"],
            "cost": case["cost"], "init": case["init"], "seed": case["seed"], "batch": case["batch"],
            "momentum": case["momentum"], "l2": case["l2"],
            "inputs": rows(inputs), "labels": [int(v) for v in labels],
            "initial_weights": [rows(w) for w in weights], "initial_biases": [vector(b) for b in biases],
            "epochs": epochs,
        })
    os.makedirs(os.path.dirname(OUT_FILE), exist_ok=True)
    with open(OUT_FILE, "w") as out:
        out.write(to_json({"generator": "testdata/scripts/golden_trajectories.py", "cases": out_cases}, epochs_json))
    print("wrote", os.path.normpath(OUT_FILE))


def epochs_json(key, value, indent):
    """The epochs one to a line, for readable diffs; other fields as to_json lays them out."""
    if key != "epochs":
        return None
    lines = ",\n".join(indent + "  {" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in epoch.items()) + "}"
                        for epoch in value)
    return f"{indent}{json.dumps(key)}: [\n{lines}\n{indent}]"


if __name__ == "__main__":
    main()
