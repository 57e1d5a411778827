"""mlp4j's random draws reproduced in Python, so that an independent implementation can start from the same initial
parameters and see the same batches as mlp4j for a given seed.

mlp4j draws with java.util.Random, whose algorithms (a 48-bit linear congruential generator, nextInt's rejection
loop, nextDouble's 53 bits, nextGaussian's polar method) its Javadoc fixes; this module follows that text. The draw
orders are WeightInit.initialise's and Trainer.shuffle's.
"""
import math

import numpy as np


class JavaRandom:
    """java.util.Random: the 48-bit linear congruential generator and the derived draws as its Javadoc specifies."""
    MULTIPLIER = 0x5DEECE66D
    MASK = (1 << 48) - 1

    def __init__(self, seed):
        self.state = (seed ^ self.MULTIPLIER) & self.MASK
        self.spare = None

    def next(self, bits):
        self.state = (self.state * self.MULTIPLIER + 0xB) & self.MASK
        return self.state >> (48 - bits)  # bits <= 31 here, so Java's int is never negative

    def next_int(self, bound):
        r = self.next(31)
        if bound & (bound - 1) == 0:
            return (bound * r) >> 31
        u = r
        while True:
            r = u % bound
            if u - r + bound - 1 < 1 << 31:  # Java retries when this sum overflows an int
                return r
            u = self.next(31)

    def next_double(self):
        return ((self.next(26) << 27) + self.next(27)) * 2.0 ** -53

    def next_gaussian(self):
        # Marsaglia's polar method, keeping the second value for the next call. Java takes the log and root with
        # StrictMath (fdlibm); math's agree with it to the last bit but for rare cases.
        if self.spare is not None:
            g, self.spare = self.spare, None
            return g
        while True:
            v1 = 2 * self.next_double() - 1
            v2 = 2 * self.next_double() - 1
            s = v1 * v1 + v2 * v2
            if 0 < s < 1:
                break
        multiplier = math.sqrt(-2 * math.log(s) / s)
        self.spare = v2 * multiplier
        return v1 * multiplier


def mlp4j_initial_parameters(sizes, seed, scheme):
    """WeightInit.initialise with new Random(seed): per layer, the biases, then the weights row by row.
    scheme: "normal-scaled" (N(0,1)/sqrt(fan_in), biases N(0,1)), "normal" (N(0,1)) or "uniform" (U[-1,1])."""
    random = JavaRandom(seed)

    def draw(divisor):
        if scheme == "uniform":
            return 2 * random.next_double() - 1
        return random.next_gaussian() / divisor

    weights, biases = [], []
    for i, o in zip(sizes[:-1], sizes[1:]):
        biases.append(np.array([draw(1.0) for _ in range(o)]))
        divisor = math.sqrt(i) if scheme == "normal-scaled" else 1.0
        weights.append(np.array([draw(divisor) for _ in range(o * i)]).reshape(o, i))
    return weights, biases


def mlp4j_order(n, seed, epoch):
    """Trainer.shuffle: a Fisher-Yates pass with new Random(seed * 0x9E3779B97F4A7C15L + epoch)."""
    random = JavaRandom((seed * 0x9E3779B97F4A7C15 + epoch) & ((1 << 64) - 1))
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = random.next_int(i + 1)
        order[i], order[j] = order[j], order[i]
    return np.array(order)
