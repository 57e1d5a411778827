package dev.mlp4j.core.data;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.DataLocator.Dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A folder holding the four files of an MNIST-format data set, how it was found, and which known data set its files
 * are: what a run reads, named for what it is.
 *
 * @param dir    the folder, absolute
 * @param source how it was found: "--data", "-Dmlp4j.data", "MLP4J_DATA", "default" or "data home"
 * @param known  the known data set of each file that is one, by name (of {@link MnistFiles#NAMES})
 */
public record DataFolder(Path dir, String source, Map<String, Dataset> known) {
    /** What {@link #name()} says of files that are not all four of one known data set. */
    public static final String UNKNOWN = "unknown";

    public DataFolder {
        known = Map.copyOf(known);
    }

    /** The known data set all four files are, or null when they are not ("unknown files"). */
    public Dataset dataset() {
        Dataset first = known.get(MnistFiles.NAMES.get(0));
        return first != null && known.size() == MnistFiles.NAMES.size() && known.values().stream().allMatch(first::equals) ? first : null;
    }

    /** The data set's id, or {@link #UNKNOWN}. */
    public String name() {
        Dataset d = dataset();
        return d == null ? UNKNOWN : d.id();
    }

    /**
     * Refuses a folder where any file is another known data set's than {@code wanted}: the files of both have the
     * same names and format, so it would otherwise train on one under the other's name.
     */
    public DataFolder requireNoneOtherThan(Dataset wanted) {
        List<String> others = new ArrayList<>();
        Dataset other = null;
        for (String name : MnistFiles.NAMES) {
            Dataset d = known.get(name);
            if (d != null && d != wanted) {
                others.add(MnistFiles.find(dir, name).getFileName().toString());
                other = d;
            }
        }
        if (other == null) {
            return this;
        }
        // Where the folder came from is where the user can point elsewhere; a usual place is overridden with --data.
        String option = source.equals("default") || source.equals("data home") ? "--data" : source;
        String fetch = "('./mlp4j download --dataset " + wanted.id() + "' fetches them)";
        if (other == dataset()) {
            throw new InvalidInputException(dir + " holds the " + other.id() + " files (" + String.join(", ", others) + "), not "
                    + wanted.id() + "'s; give --dataset " + other.id() + " to use them, or point " + option + " at a folder with the "
                    + wanted.id() + " files " + fetch + ".");
        }
        throw new InvalidInputException(dir + ": " + String.join(" and ", others) + (others.size() == 1 ? " is " : " are ") + other.id()
                + "'s, not " + wanted.id() + "'s; put the four " + wanted.id() + " files there, or point " + option
                + " at a folder with them " + fetch + ".");
    }
}
