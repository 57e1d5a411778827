package dev.mlp4j.core.io;

import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

import java.util.List;

/**
 * Weights and biases as JSON arrays, laid out as in the model file: {@code weights[l][j][k]} (one row per neuron
 * of layer l+1) and {@code biases[l][j]}. Shared by model and checkpoint files, so both write and read parameters
 * the same way, to the bit.
 */
public final class ParametersJson {
    private ParametersJson() {
    }

    /** The elements of the "weights" array: one matrix per layer, one row per line. */
    public static void writeWeights(StringBuilder sb, Parameters p) {
        NetworkSpec spec = p.spec();
        for (int l = 0; l < spec.depth(); l++) {
            sb.append(l == 0 ? "\n    [" : ",\n    [");
            int in = spec.size(l);
            for (int j = 0; j < spec.size(l + 1); j++) {
                sb.append(j == 0 ? "" : ",\n     ");
                JsonWriter.numbers(sb, p.weights(l), j * in, (j + 1) * in);
            }
            sb.append(']');
        }
    }

    /** The elements of the "biases" array: one vector per layer, one per line. */
    public static void writeBiases(StringBuilder sb, Parameters p) {
        NetworkSpec spec = p.spec();
        for (int l = 0; l < spec.depth(); l++) {
            sb.append(l == 0 ? "\n    " : ",\n    ");
            JsonWriter.numbers(sb, p.biases(l), 0, spec.size(l + 1));
        }
    }

    /**
     * Parameters from parsed "weights" and "biases" arrays that already hold one entry per layer; {@code path}
     * prefixes the field names in error messages (e.g. "state.parameters." or "").
     */
    public static Parameters read(JsonFields f, List<Object> weights, List<Object> biases, String path, NetworkSpec spec) {
        double[][] w = new double[spec.depth()][];
        double[][] b = new double[spec.depth()][];
        for (int l = 0; l < spec.depth(); l++) {
            w[l] = f.matrix(weights.get(l), path + "weights[" + l + "]", spec.size(l + 1), spec.size(l));
            b[l] = f.vector(biases.get(l), path + "biases[" + l + "]", spec.size(l + 1));
        }
        return new Parameters(spec, w, b);
    }
}
