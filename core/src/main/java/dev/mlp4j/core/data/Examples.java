package dev.mlp4j.core.data;

import dev.mlp4j.core.InvalidInputException;

import java.util.Random;

/**
 * The two small problems hand-written JavaScript nets are usually tried on, generated from a seed so that every
 * run sees the same points.
 */
public final class Examples {
    private Examples() {
    }

    /**
     * Points uniform in [0,1]², labelled 1 when inside the unit circle (x² + y² &lt; 1), else 0: a single sigmoid
     * output. About 79 % of points are inside, so accuracy must beat that to mean anything.
     */
    public static TrainTest circle(long seed, int trainSize, int testSize) {
        requireSizes(trainSize, testSize);
        Random random = new Random(seed);
        return new TrainTest(circleSet("circle-train", trainSize, random), circleSet("circle-test", testSize, random));
    }

    private static DataSet circleSet(String name, int n, Random random) {
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            x[2 * i] = (float) a;
            x[2 * i + 1] = (float) b;
            labels[i] = a * a + b * b < 1 ? 1 : 0;
            y[i] = labels[i];
        }
        return new DataSet(name, n, 2, 1, x, y, labels);
    }

    /** Regression of f(x, y) = (x, y) on [-1, 1]²: the network must learn to copy its input. */
    public static TrainTest identity(long seed, int trainSize, int testSize) {
        requireSizes(trainSize, testSize);
        Random random = new Random(seed);
        return new TrainTest(identitySet("identity-train", trainSize, random), identitySet("identity-test", testSize, random));
    }

    private static DataSet identitySet(String name, int n, Random random) {
        float[] x = new float[2 * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * random.nextDouble() - 1);
        }
        return new DataSet(name, n, 2, 2, x, x.clone(), null);
    }

    private static void requireSizes(int trainSize, int testSize) {
        if (trainSize < 1 || testSize < 1) {
            throw new InvalidInputException("An example problem needs at least 1 training and 1 test example, not " + trainSize
                    + " and " + testSize + "; give trainSize and testSize of 1 or more.");
        }
    }

    public static TrainTest byName(String name, long seed) {
        return switch (name) {
            case "circle" -> circle(seed, 700, 300);
            case "identity" -> identity(seed, 1000, 300);
            default -> throw new InvalidInputException("Unknown example '" + name + "'; use circle or identity.");
        };
    }

    public record TrainTest(DataSet train, DataSet test) {
    }
}
