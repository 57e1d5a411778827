#!/usr/bin/env python3
"""Writes the IDX fixtures under src/main/resources/dev/mlp4j/testdata/idx/.

Every file is synthetic: real MNIST never enters the repository. The output is
byte-identical on every run (fixed seeds, gzip mtime=0), so regenerating the
fixtures never shows up as a change unless this script changed.

Usage: python3 testdata/scripts/make_idx_fixtures.py
"""

import gzip
import math
import os
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
IDX_DIR = os.path.join(HERE, "..", "src", "main", "resources", "dev", "mlp4j", "testdata", "idx")

IMAGES_MAGIC = 0x00000803  # 2051: unsigned bytes, 3 dimensions
LABELS_MAGIC = 0x00000801  # 2049: unsigned bytes, 1 dimension
ROWS = COLS = 28
PIXELS = ROWS * COLS


def images_header(count, rows=ROWS, cols=COLS, magic=IMAGES_MAGIC):
    # ">I" rather than ">i": some fixtures need values with the top bit set.
    return struct.pack(">IIII", magic, count, rows, cols)


def labels_header(count, magic=LABELS_MAGIC):
    return struct.pack(">II", magic, count)


def idx_images(images):
    return images_header(len(images)) + b"".join(bytes(image) for image in images)


def idx_labels(labels):
    return labels_header(len(labels)) + bytes(labels)


def gzipped(data):
    # mtime=0 keeps the gzip header free of the current time.
    return gzip.compress(data, compresslevel=9, mtime=0)


def write(relative, data):
    path = os.path.join(IDX_DIR, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(data)


def distance_to_segment(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    cx, cy = ax + t * dx, ay + t * dy
    return math.hypot(px - cx, py - cy)


def stroke_image(rng):
    """A pen-like scribble: a few connected segments inside the central 20x20 box,
    solid (255) near the centre line and fading to 0 at the edge, like MNIST's
    anti-aliased digits. Values above 127 matter: they catch signed-byte bugs."""
    points = [(rng.uniform(4, 23), rng.uniform(4, 23)) for _ in range(rng.randint(3, 5))]
    segments = list(zip(points, points[1:]))
    image = bytearray(PIXELS)
    for row in range(ROWS):
        for col in range(COLS):
            d = min(distance_to_segment(col + 0.5, row + 0.5, a[0], a[1], b[0], b[1]) for a, b in segments)
            if d < 1.0:
                image[row * COLS + col] = 255
            elif d < 2.2:
                image[row * COLS + col] = int(255 * (2.2 - d) / 1.2)
    return image


def bar_image(label, rng):
    """A vertical bar whose column is fixed by the label, with ragged ends and
    sparse noise: trivially learnable, yet no two images are equal."""
    image = bytearray(PIXELS)
    left = 3 + 2 * label
    top, bottom = rng.randint(3, 6), rng.randint(21, 24)
    for row in range(top, bottom + 1):
        for col in range(left, left + 3):
            image[row * COLS + col] = rng.randint(200, 255)
    for i in range(PIXELS):
        if image[i] == 0 and rng.random() < 0.04:
            image[i] = rng.randint(1, 120)
    return image


def balanced_labels(count, rng):
    labels = [i % 10 for i in range(count)]
    rng.shuffle(labels)
    return labels


def write_tiny():
    rng = random.Random(20240601)
    labels = balanced_labels(20, rng)
    images = [stroke_image(rng) for _ in labels]
    write("tiny-images-idx3-ubyte", idx_images(images))
    write("tiny-labels-idx1-ubyte", idx_labels(labels))
    write("tiny-images-idx3-ubyte.gz", gzipped(idx_images(images)))
    write("tiny-labels-idx1-ubyte.gz", gzipped(idx_labels(labels)))
    return images, labels


def write_mini_mnist():
    rng = random.Random(60000)
    for prefix, count in (("train", 120), ("t10k", 30)):
        labels = balanced_labels(count, rng)
        images = [bar_image(label, rng) for label in labels]
        write(f"mini-mnist/{prefix}-images-idx3-ubyte.gz", gzipped(idx_images(images)))
        write(f"mini-mnist/{prefix}-labels-idx1-ubyte.gz", gzipped(idx_labels(labels)))


def write_corrupt(images, labels):
    tiny_images = idx_images(images)
    tiny_labels = idx_labels(labels)
    pixels = tiny_images[16:]

    write("corrupt/wrong-magic-images", struct.pack(">I", 2052) + tiny_images[4:])
    # The labels header written little-endian: the classic mistake of a writer
    # that forgot IDX is big-endian. Read big-endian the magic is 0x01080000.
    write("corrupt/wrong-magic-labels", struct.pack("<II", LABELS_MAGIC, len(labels)) + bytes(labels))
    write("corrupt/labels-as-images", tiny_labels)
    write("corrupt/wrong-rank", struct.pack(">III", 0x00000802, len(images), PIXELS) + pixels)
    write("corrupt/truncated-images", images_header(20) + pixels[: int(7.5 * PIXELS)])
    write("corrupt/truncated-header", tiny_images[:6])
    write("corrupt/extra-bytes-images", tiny_images + b"TRAILING GARBAGE\n")

    out_of_range = list(labels)
    out_of_range[3], out_of_range[17] = 10, 255
    write("corrupt/label-out-of-range", idx_labels(out_of_range))

    # 16-byte header + 1008 pixel bytes = exactly 1 KiB for a claimed 1.5 TB.
    write("corrupt/huge-claim-images", images_header(2_000_000_000) + pixels[:1008])
    # 65536 * 65536 wraps to 0 in 32-bit arithmetic, so a naive size check passes.
    write("corrupt/overflow-dims", images_header(65536, 65536, 65536) + pixels[:PIXELS])
    write("corrupt/zero-images", images_header(0))

    full_gzip = gzipped(tiny_images)
    write("corrupt/truncated-gzip.gz", full_gzip[: len(full_gzip) // 2])
    write("corrupt/not-gzip.gz", b"This is plain text, not gzip, despite the .gz name.\n")
    write("corrupt/empty", b"")
    write("corrupt/negative-dim", images_header(0x80000001) + pixels)
    # 19 labels to go with the 20 tiny images: each file is valid, the pair is not.
    write("corrupt/count-mismatch-labels", idx_labels(labels[:19]))


def main():
    images, labels = write_tiny()
    write_mini_mnist()
    write_corrupt(images, labels)
    print("wrote IDX fixtures under", os.path.normpath(IDX_DIR))


if __name__ == "__main__":
    main()
