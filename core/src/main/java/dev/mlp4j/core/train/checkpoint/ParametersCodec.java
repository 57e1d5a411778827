package dev.mlp4j.core.train.checkpoint;

import dev.mlp4j.core.io.ParametersJson;
import dev.mlp4j.core.io.JsonFields;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

import java.util.List;
import java.util.Map;

/** A set of weights and biases as one JSON object in a checkpoint, in the model file's layout ({@link ParametersJson}). */
final class ParametersCodec {
    private ParametersCodec() {
    }

    static void write(StringBuilder sb, Parameters p) {
        sb.append("{\"weights\": [");
        ParametersJson.writeWeights(sb, p);
        sb.append("],\n   \"biases\": [");
        ParametersJson.writeBiases(sb, p);
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
        return ParametersJson.read(f, w, b, path + ".", spec);
    }
}
