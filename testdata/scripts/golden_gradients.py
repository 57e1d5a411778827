#!/usr/bin/env python3
"""Writes src/main/resources/dev/mlp4j/testdata/golden/gradients.json.

An independent reference for the Java backprop: plain float64 numpy, written
from the textbook equations and sharing no code with the library. Every
gradient is checked here against central finite differences before it is
written, so a disagreement in a Java test points at the Java side.

Layout follows Nielsen's network2.py: weights[l][j][k] is the weight from
neuron k of layer l to neuron j of layer l+1; biases[l][j] belongs to neuron j
of layer l+1. Batches are rows.

Usage: python3 testdata/scripts/golden_gradients.py   (needs numpy)
"""

import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_FILE = os.path.join(HERE, "..", "src", "main", "resources", "dev", "mlp4j", "testdata", "golden", "gradients.json")

# Pre-activations this close to 0 are rejected: relu has a kink there, and a
# case sitting on it would make the golden derivative a matter of convention.
KINK_MARGIN = 1e-3
FD_EPS = 1e-6
FD_TOLERANCE = 1e-6
# The finite differences evaluate the cost in extended precision: in float64
# a step of 1e-6 loses about 10 of the 16 digits to cancellation, which on the
# larger costs here is more than the 1e-6 tolerance. Golden values stay float64.
FD_DTYPE = np.longdouble
# Only gradients that are exactly zero (dead relu units) get near this floor;
# it keeps the relative error defined for them.
FD_ABS_FLOOR = 1e-12


# ---- activations: value and elementwise derivative, both in terms of z ----

def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


ACTIVATIONS = {
    "sigmoid": (sigmoid, lambda z: sigmoid(z) * (1.0 - sigmoid(z))),
    "tanh": (np.tanh, lambda z: 1.0 - np.tanh(z) ** 2),
    "relu": (lambda z: np.maximum(0.0, z), lambda z: (z > 0).astype(float)),
    "linear": (lambda z: z, lambda z: np.ones_like(z)),
}


def softmax(z):
    shifted = np.exp(z - z.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def activate(name, z):
    return softmax(z) if name == "softmax" else ACTIVATIONS[name][0](z)


def activation_of(case, l, last):
    """The activation of weight layer l: the output's for the last, else the
    hidden one, or the l-th of a list with one per hidden layer."""
    if l == last:
        return case["output"]
    hidden = case["hidden"]
    return hidden if isinstance(hidden, str) else hidden[l]


def backprop_activation(name, z, a, dc_da):
    """delta = J_act(z)^T . dC/da, one example per row."""
    if name == "softmax":
        # J = diag(a) - a a^T (symmetric), so J^T g = a * g - a * (a . g).
        return a * dc_da - a * np.sum(a * dc_da, axis=1, keepdims=True)
    return ACTIVATIONS[name][1](z) * dc_da


# ---- costs: per-example value and dC/da ----

COSTS = {
    "quadratic": (
        lambda a, y: 0.5 * np.sum((a - y) ** 2, axis=1),
        lambda a, y: a - y,
    ),
    "cross-entropy": (
        lambda a, y: np.sum(-(y * np.log(a) + (1.0 - y) * np.log(1.0 - a)), axis=1),
        lambda a, y: -y / a + (1.0 - y) / (1.0 - a),
    ),
    "log-likelihood": (
        lambda a, y: -np.sum(y * np.log(a), axis=1),
        lambda a, y: -y / a,
    ),
}


# ---- the network ----

def forward(case, weights, biases, x):
    """Returns the pre-activations zs and activations (input first) per layer."""
    activations, zs = [x], []
    last = len(weights) - 1
    for l, (w, b) in enumerate(zip(weights, biases)):
        z = activations[-1] @ w.T + b
        zs.append(z)
        activations.append(activate(activation_of(case, l, last), z))
    return zs, activations


def cost_value(case, weights, biases):
    _, activations = forward(case, weights, biases, case["inputs"])
    per_example = COSTS[case["cost"]][0](activations[-1], case["targets"])
    l2_term = case["l2"] / (2.0 * case["n"]) * sum(np.sum(w ** 2) for w in weights)
    return np.mean(per_example) + l2_term


def gradients(case, weights, biases):
    x, y = case["inputs"], case["targets"]
    batch = x.shape[0]
    zs, activations = forward(case, weights, biases, x)
    delta = backprop_activation(case["output"], zs[-1], activations[-1], COSTS[case["cost"]][1](activations[-1], y))
    grad_w, grad_b = [None] * len(weights), [None] * len(weights)
    for l in range(len(weights) - 1, -1, -1):
        grad_w[l] = delta.T @ activations[l] / batch + (case["l2"] / case["n"]) * weights[l]
        grad_b[l] = delta.sum(axis=0) / batch
        if l > 0:
            delta = backprop_activation(activation_of(case, l - 1, len(weights) - 1), zs[l - 1], activations[l], delta @ weights[l])
    return grad_w, grad_b


# ---- independent check ----

def finite_difference_check(case, weights, biases, grad_w, grad_b):
    assert np.finfo(FD_DTYPE).eps < np.finfo(np.float64).eps, "this platform has no extended-precision longdouble"
    case = dict(case, inputs=case["inputs"].astype(FD_DTYPE), targets=case["targets"].astype(FD_DTYPE))
    weights = [w.astype(FD_DTYPE) for w in weights]
    biases = [b.astype(FD_DTYPE) for b in biases]
    worst = 0.0
    for params, grads in ((weights, grad_w), (biases, grad_b)):
        for p, g in zip(params, grads):
            for index in np.ndindex(p.shape):
                saved = p[index]
                p[index] = saved + FD_EPS
                up = cost_value(case, weights, biases)
                p[index] = saved - FD_EPS
                down = cost_value(case, weights, biases)
                p[index] = saved
                numeric = (up - down) / (2.0 * FD_EPS)
                error = abs(numeric - g[index]) / max(abs(numeric), abs(g[index]), FD_ABS_FLOOR)
                assert error < FD_TOLERANCE, f"{case['name']}: {index} analytic {g[index]} numeric {numeric}"
                worst = max(worst, error)
    return worst


# ---- the cases ----

VALID_PAIRS = {(output, "quadratic") for output in ("sigmoid", "tanh", "relu", "linear", "softmax")} | {
    ("sigmoid", "cross-entropy"), ("softmax", "cross-entropy"), ("softmax", "log-likelihood")}

# With no hidden layer ("no-hidden-*") the hidden activation is never applied.
CASES = [
    # name, layers, hidden, output, cost, l2, n, batch
    ("sigmoid-quadratic-single", [2, 3, 2], "sigmoid", "sigmoid", "quadratic", 0.0, 1, 1),
    ("no-hidden-sigmoid-cross-entropy", [3, 2], "sigmoid", "sigmoid", "cross-entropy", 0.0, 3, 3),
    ("no-hidden-softmax-log-likelihood", [3, 2], "sigmoid", "softmax", "log-likelihood", 0.0, 2, 2),
    ("tanh-softmax-log-likelihood", [4, 5, 3], "tanh", "softmax", "log-likelihood", 0.0, 2, 2),
    ("relu-softmax-cross-entropy-l2", [3, 4, 4, 3], "relu", "softmax", "cross-entropy", 0.1, 50, 4),
    ("linear-linear-quadratic-width-1", [2, 1, 2], "linear", "linear", "quadratic", 0.0, 3, 3),
    ("tanh-tanh-quadratic-deep", [3, 6, 5, 4, 2], "tanh", "tanh", "quadratic", 0.0, 3, 3),
    ("relu-relu-quadratic", [2, 4, 3, 1], "relu", "relu", "quadratic", 0.0, 4, 4),
    ("sigmoid-softmax-log-likelihood-deep-l2", [5, 6, 6, 6, 4], "sigmoid", "softmax", "log-likelihood", 0.5, 10, 3),
    ("sigmoid-sigmoid-cross-entropy-one-hot-l2", [6, 2, 3], "sigmoid", "sigmoid", "cross-entropy", 0.05, 100, 4),
    ("linear-softmax-cross-entropy", [3, 3, 3], "linear", "softmax", "cross-entropy", 0.0, 2, 2),
    ("tanh-sigmoid-quadratic-narrow", [1, 2, 1], "tanh", "sigmoid", "quadratic", 0.0, 2, 2),
    ("relu-linear-quadratic-l2", [4, 5, 5, 2], "relu", "linear", "quadratic", 1.0, 4, 2),
    ("sigmoid-tanh-quadratic", [2, 3, 3, 2], "sigmoid", "tanh", "quadratic", 0.0, 1, 1),
    ("tanh-softmax-quadratic", [3, 4, 3], "tanh", "softmax", "quadratic", 0.0, 3, 3),
    ("relu-sigmoid-cross-entropy-deep", [4, 6, 5, 3, 2], "relu", "sigmoid", "cross-entropy", 0.0, 4, 4),
    # One activation per hidden layer.
    ("mixed-relu-tanh-sigmoid-softmax-log-likelihood", [4, 6, 5, 4, 3], ["relu", "tanh", "sigmoid"], "softmax", "log-likelihood", 0.0, 3, 3),
    ("mixed-sigmoid-linear-quadratic-l2", [3, 4, 4, 2], ["sigmoid", "linear"], "linear", "quadratic", 0.2, 5, 2),
]


def one_hot(rng, batch, size):
    targets = np.zeros((batch, size))
    targets[np.arange(batch), rng.integers(0, size, batch)] = 1.0
    return targets


def make_targets(rng, cost, output, name, batch, size):
    if cost == "log-likelihood" or output == "softmax" or "one-hot" in name:
        return one_hot(rng, batch, size)
    if cost == "cross-entropy":
        return rng.uniform(0.05, 0.95, (batch, size))  # sigmoid targets inside (0,1)
    return rng.uniform(-1.0, 1.0, (batch, size))


def build_case(seed, name, layers, hidden, output, cost, l2, n, batch):
    """Draws a case; retries with the next seed until the draw is well posed."""
    assert (output, cost) in VALID_PAIRS, f"{name}: {output} output with {cost} cost is not defined"
    for attempt in range(1000):
        rng = np.random.default_rng(seed + attempt)
        weights = [rng.normal(0.0, 1.0, (out, inp)) for inp, out in zip(layers[:-1], layers[1:])]
        biases = [rng.normal(0.0, 0.5, out) for out in layers[1:]]
        case = {
            "name": name, "layers": layers, "hidden": hidden, "output": output, "cost": cost, "l2": l2, "n": n,
            "inputs": rng.uniform(-1.0, 1.0, (batch, layers[0])),
            "targets": make_targets(rng, cost, output, name, batch, layers[-1]),
        }
        if is_well_posed(case, weights, biases):
            return case, weights, biases
    raise RuntimeError(f"{name}: no seed gives a well-posed case")


def is_well_posed(case, weights, biases):
    """Rejects draws that would make a weak test: a pre-activation on relu's
    kink, a relu layer that is all on or all off (only one derivative branch
    tested), a layer whose data gradient is all zero, or a probability output
    saturated so close to 0 or 1 that the log costs turn ill-conditioned."""
    zs, activations = forward(case, weights, biases, case["inputs"])
    if any(np.min(np.abs(z)) < KINK_MARGIN for z in zs):
        return False
    last = len(zs) - 1
    for l, z in enumerate(zs):
        if activation_of(case, l, last) == "relu" and not (np.any(z > 0) and np.any(z < 0)):
            return False
    data_grad_w, _ = gradients(dict(case, l2=0.0), weights, biases)
    if not all(np.any(g != 0) for g in data_grad_w):
        return False
    a = activations[-1]
    return case["output"] not in ("sigmoid", "softmax") or bool(np.all((a > 1e-3) & (a < 1 - 1e-3)))


def rows(array):
    return [[float(v) for v in row] for row in array]


def main():
    out_cases = []
    for seed, spec in enumerate(CASES):
        case, weights, biases = build_case(1000 * (seed + 1), *spec)
        _, activations = forward(case, weights, biases, case["inputs"])
        grad_w, grad_b = gradients(case, weights, biases)
        worst = finite_difference_check(case, weights, biases, grad_w, grad_b)
        print(f"{case['name']:45s} finite-difference worst error {worst:.2e}")
        out_cases.append({
            "name": case["name"], "layers": case["layers"], "hidden": case["hidden"], "output": case["output"],
            "cost": case["cost"], "l2": case["l2"], "n": case["n"],
            "weights": [rows(w) for w in weights],
            "biases": [[float(v) for v in b] for b in biases],
            "inputs": rows(case["inputs"]),
            "targets": rows(case["targets"]),
            "outputs": rows(activations[-1]),
            "cost_value": float(cost_value(case, weights, biases)),
            "grad_weights": [rows(g) for g in grad_w],
            "grad_biases": [[float(v) for v in g] for g in grad_b],
        })
    os.makedirs(os.path.dirname(OUT_FILE), exist_ok=True)
    with open(OUT_FILE, "w") as out:
        out.write(to_json({"generator": "testdata/scripts/golden_gradients.py", "cases": out_cases}))
    print("wrote", os.path.normpath(OUT_FILE))


def to_json(document, field_json=None):
    """Standard JSON, laid out one field per line: readable diffs, and each
    array on a line of its own instead of one number per line. field_json(key,
    value, indent) may lay out a field otherwise (None: the default)."""
    def field(k, v):
        laid_out = field_json(k, v, "   ") if field_json else None
        return laid_out if laid_out is not None else f"   {json.dumps(k)}: {json.dumps(v)}"

    def case_json(case):
        return "  {\n" + ",\n".join(field(k, v) for k, v in case.items()) + "\n  }"
    text = ('{\n "generator": ' + json.dumps(document["generator"]) + ',\n "cases": [\n'
            + ",\n".join(case_json(c) for c in document["cases"]) + "\n ]\n}\n")
    assert json.loads(text) == document
    return text


if __name__ == "__main__":
    main()
