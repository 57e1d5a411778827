package dev.mlp4j.verify.mistake;

import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.verify.file.ParameterArray;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Sets of entries written compactly in the user's indices: a whole array as "biases[1]", a whole row of a weight
 * matrix (every weight leaving one neuron) as "weights[0][3]", runs as "biases[0][2..4]" or "weights[0][3][1..5]".
 */
final class EntryRanges {
    /** More ranges than this are summed up as a count, so a report stays readable. */
    static final int SHOWN = 8;

    private EntryRanges() {
    }

    /** The entries ({@code coreIndices} of {@code array}) as ranges. */
    static List<String> of(NetworkSpec spec, ParameterArray array, List<Integer> coreIndices) {
        List<String> out = new ArrayList<>();
        TreeSet<Integer> set = new TreeSet<>(coreIndices);
        if (!array.weights()) {
            if (set.size() == array.to(spec)) {
                out.add(array.name());
            } else {
                runs(out, array.name(), new ArrayList<>(set));
            }
            return out;
        }
        int from = array.from(spec);
        int to = array.to(spec);
        if (set.size() == from * to) {
            out.add(array.name());
            return out;
        }
        for (int k = 0; k < from; k++) {
            List<Integer> row = new ArrayList<>();
            for (int j = 0; j < to; j++) {
                if (set.contains(j * from + k)) {
                    row.add(j);
                }
            }
            String name = array.name() + "[" + k + "]";
            if (row.size() == to) {
                out.add(name);
            } else {
                runs(out, name, row);
            }
        }
        return out;
    }

    private static void runs(List<String> out, String prefix, List<Integer> sorted) {
        int i = 0;
        while (i < sorted.size()) {
            int start = sorted.get(i);
            int end = start;
            while (i + 1 < sorted.size() && sorted.get(i + 1) == end + 1) {
                end = sorted.get(++i);
            }
            out.add(prefix + "[" + (start == end ? String.valueOf(start) : start + ".." + end) + "]");
            i++;
        }
    }

    /** The ranges joined for a sentence, the tail counted once there are more than {@link #SHOWN}. */
    static String sentence(List<String> ranges) {
        if (ranges.size() <= SHOWN) {
            return String.join(", ", ranges);
        }
        return String.join(", ", ranges.subList(0, SHOWN)) + " and " + (ranges.size() - SHOWN) + " more ranges";
    }
}
