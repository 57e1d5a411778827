package dev.mlp4j.cli.report;

/** Whether an input layer is a square picture (MNIST: 784 = 28 × 28), and its side. */
public final class ImageSide {
    /** Smaller squares are more likely feature vectors that happen to be square than pictures. */
    static final int MIN_SIDE = 8;

    private ImageSide() {
    }

    /** The side of the square image {@code inputSize} pixels make, or 0 when they do not make one. */
    public static int of(int inputSize) {
        int side = (int) Math.round(Math.sqrt(inputSize));
        return side >= MIN_SIDE && side * side == inputSize ? side : 0;
    }
}
