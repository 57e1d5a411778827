package dev.mlp4j.core.train.checkpoint;

import dev.mlp4j.core.io.JsonWriter;
import dev.mlp4j.core.io.JsonFields;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

import java.util.List;
import java.util.Map;

/** A set of weights and biases as JSON, laid out as in the model file: weights[l][j][k], biases[l][j]. */
final class ParametersCodec {
    private ParametersCodec() {
    }

    static void write(StringBuilder sb, Parameters p) {
        NetworkSpec spec = p.spec();
        sb.append("{\"weights\": [");
        for (int l = 0; l < spec.depth(); l++) {
            sb.append(l == 0 ? "\n    [" : ",\n    [");
            int in = spec.size(l);
            for (int j = 0; j < spec.size(l + 1); j++) {
                sb.append(j == 0 ? "" : ",\n     ");
                JsonWriter.numbers(sb, p.weights(l), j * in, (j + 1) * in);
            }
            sb.append(']');
        }
        sb.append("],\n   \"biases\": [");
        for (int l = 0; l < spec.depth(); l++) {
            sb.append(l == 0 ? "\n    " : ",\n    ");
            JsonWriter.numbers(sb, p.biases(l), 0, spec.size(l + 1));
        }
        sb.append("]}");
    }

    static Parameters read(JsonFields f, Object node, String path, NetworkSpec spec) {
        Map<String, Object> obj = f.object(node, path);
        List<Object> w = f.list(f.required(obj, "weights", path), path + ".weights");
        List<Object> b = f.list(f.required(obj, "biases", path), path + ".biases");
        if (w.size() != spec.depth() || b.size() != spec.depth()) {
            throw f.fail(path, "has " + w.size() + " weight matrices and " + b.size() + " bias vectors but layers "
                    + spec.layersText() + " need " + spec.depth() + " of each");
        }
        double[][] weights = new double[spec.depth()][];
        double[][] biases = new double[spec.depth()][];
        for (int l = 0; l < spec.depth(); l++) {
            weights[l] = f.matrix(w.get(l), path + ".weights[" + l + "]", spec.size(l + 1), spec.size(l));
            biases[l] = f.vector(b.get(l), path + ".biases[" + l + "]", spec.size(l + 1));
        }
        return new Parameters(spec, weights, biases);
    }
}
