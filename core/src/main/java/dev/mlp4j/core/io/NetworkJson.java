package dev.mlp4j.core.io;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The "network" object of model and checkpoint files: {@code {"layers": [...], "hidden": ..., "output": ..., "cost": ...}}.
 * "hidden" is one name when every hidden layer has that activation, and an array of names, one per hidden layer,
 * only when they differ: a file of a network with one hidden activation stays readable by readers that know no
 * arrays there.
 */
public final class NetworkJson {
    private NetworkJson() {
    }

    /** Appends the object for {@code spec}. */
    public static void write(StringBuilder sb, NetworkSpec spec) {
        sb.append("{\"layers\": ").append(spec.layers()).append(", \"hidden\": ");
        if (spec.hasMixedHidden()) {
            sb.append('[');
            List<Activation> hidden = spec.hiddenActivations();
            for (int i = 0; i < hidden.size(); i++) {
                sb.append(i == 0 ? "\"" : ", \"").append(hidden.get(i).id()).append('"');
            }
            sb.append(']');
        } else {
            sb.append('"').append(spec.hidden().id()).append('"');
        }
        sb.append(", \"output\": \"").append(spec.output().id()).append("\", \"cost\": \"").append(spec.cost().id()).append("\"}");
    }

    /**
     * Reads the object {@code net}, found at "network".
     *
     * @param hiddenList     whether "hidden" may be an array (file versions that know per-layer activations)
     * @param refusalPrefix  put between the file's name and the sentence of a network that cannot be built
     * @throws InvalidInputException naming the file and the field
     */
    public static NetworkSpec read(JsonFields f, Map<String, Object> net, boolean hiddenList, String refusalPrefix) {
        List<Object> layerList = f.list(f.required(net, "layers", "network"), "network.layers");
        List<Integer> layers = new ArrayList<>();
        for (int i = 0; i < layerList.size(); i++) {
            layers.add(f.integer(layerList.get(i), "network.layers[" + i + "]"));
        }
        List<String> hidden = hiddenNames(f, f.required(net, "hidden", "network"), hiddenList);
        String output = f.string(f.required(net, "output", "network"), "network.output");
        String cost = f.string(f.required(net, "cost", "network"), "network.cost");
        try {
            // These refusals speak of options and names, not of the file: the file's name goes in front.
            return new NetworkSpec(layers, hidden.stream().map(Activation::fromId).toList(), Activation.fromId(output), Cost.fromId(cost));
        } catch (InvalidInputException e) {
            throw e.placedIn(f.source() + ": " + refusalPrefix);
        }
    }

    private static List<String> hiddenNames(JsonFields f, Object node, boolean listAllowed) {
        if (!listAllowed || !(node instanceof List<?>)) {
            return List.of(f.string(node, "network.hidden"));
        }
        List<Object> list = f.list(node, "network.hidden");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            names.add(f.string(list.get(i), "network.hidden[" + i + "]"));
        }
        return names;
    }
}
