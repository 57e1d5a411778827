package dev.mlp4j.verify.compare;

import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.verify.file.VerifyFile;
import dev.mlp4j.verify.reference.Trace;

import java.util.ArrayList;
import java.util.List;

/** The user's activations and δ, layer by layer, against the reference's. */
public final class ForwardComparison {
    private ForwardComparison() {
    }

    /** One comparison per layer the file gives activations for, named with the file's own layer index. */
    public static List<ArrayComparison> activations(VerifyFile file, Trace trace, Tolerance tolerance) {
        List<ArrayComparison> out = new ArrayList<>();
        double[][] given = file.activations();
        int skip = given[0] == null ? 1 : 0;
        for (int layer = skip; layer < given.length; layer++) {
            String name = "activations[" + (layer - skip) + "]";
            int width = file.spec().size(layer);
            out.add(ArrayComparison.of(name, given[layer], trace.activations()[layer],
                    i -> entry(file, "activations", i / width, name.substring("activations".length()), i % width), tolerance));
        }
        return out;
    }

    public static List<ArrayComparison> deltas(VerifyFile file, Trace trace, Tolerance tolerance) {
        List<ArrayComparison> out = new ArrayList<>();
        NetworkSpec spec = file.spec();
        for (int l = 0; l < spec.depth(); l++) {
            String name = "deltas[" + l + "]";
            int width = spec.size(l + 1);
            String index = "[" + l + "]";
            out.add(ArrayComparison.of(name, file.deltas()[l], trace.deltas()[l],
                    i -> entry(file, "deltas", i / width, index, i % width), tolerance));
        }
        return out;
    }

    /** "activations[2][5]" for one example, "activations[3][2][5]" (example 3) for a batch. */
    private static String entry(VerifyFile file, String key, int example, String layerIndex, int unit) {
        return key + (file.examples() > 1 ? "[" + example + "]" : "") + layerIndex + "[" + unit + "]";
    }
}
