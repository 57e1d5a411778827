package dev.mlp4j.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Writes verify files from a {@link HandWrittenNet}'s numbers, as a user's export code would. */
final class VerifyJson {
    private VerifyJson() {
    }

    /** The network and the batch: every verify file starts like this. One example is written as input/target. */
    static Map<String, Object> network(HandWrittenNet net, double[][] xs, double[][] ys, String reduction) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("layers", net.layers);
        // One activation per hidden layer is written as an array of names, as a hand-written net would.
        f.put("hidden", net.hidden.contains(",") ? List.of(net.hidden.split(",")) : net.hidden);
        f.put("output", net.output);
        f.put("cost", net.cost);
        f.put("weights", net.weights);
        f.put("biases", net.biases);
        if (xs.length == 1) {
            f.put("input", xs[0]);
            f.put("target", ys[0]);
        } else {
            f.put("inputs", xs);
            f.put("targets", ys);
            f.put("reduction", reduction);
        }
        return f;
    }

    static Map<String, Object> parameters(double[][][] weights, double[][] biases) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weights", weights);
        m.put("biases", biases);
        return m;
    }

    /** [i][k][j] from [i][j][k]: a gradient stored the other way round. */
    static double[][][] transposed(double[][][] w) {
        double[][][] t = new double[w.length][][];
        for (int i = 0; i < w.length; i++) {
            t[i] = new double[w[i][0].length][w[i].length];
            for (int j = 0; j < w[i].length; j++) {
                for (int k = 0; k < w[i][0].length; k++) {
                    t[i][k][j] = w[i][j][k];
                }
            }
        }
        return t;
    }

    /** m inputs in [0, 1) and targets the cost accepts: one-hot for cross-entropy and log-likelihood. */
    static double[][][] batch(HandWrittenNet net, int m, long seed) {
        Random random = new Random(seed);
        int in = net.layers[0];
        int out = net.layers[net.depth()];
        double[][] xs = new double[m][in];
        double[][] ys = new double[m][out];
        for (int e = 0; e < m; e++) {
            for (int j = 0; j < in; j++) {
                xs[e][j] = random.nextDouble();
            }
            if (net.cost.equals("quadratic")) {
                for (int j = 0; j < out; j++) {
                    ys[e][j] = random.nextDouble();
                }
            } else {
                ys[e][random.nextInt(out)] = 1;
            }
        }
        return new double[][][] {xs, ys};
    }

    static String json(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ").append('"').append(e.getKey()).append("\": ");
                write(sb, e.getValue());
                first = false;
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            writeAll(sb, l.toArray());
        } else if (v instanceof double[] d) {
            sb.append('[');
            for (int i = 0; i < d.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(d[i]);
            }
            sb.append(']');
        } else if (v instanceof int[] n) {
            sb.append('[');
            for (int i = 0; i < n.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(n[i]);
            }
            sb.append(']');
        } else if (v instanceof Object[] a) {
            writeAll(sb, a);
        } else if (v instanceof String s) {
            sb.append('"').append(s).append('"');
        } else {
            sb.append(v);
        }
    }

    private static void writeAll(StringBuilder sb, Object[] a) {
        sb.append('[');
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ", ");
            write(sb, a[i]);
        }
        sb.append(']');
    }
}
