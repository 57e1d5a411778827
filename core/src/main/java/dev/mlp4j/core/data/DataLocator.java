package dev.mlp4j.core.data;

import dev.mlp4j.core.InvalidInputException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds an MNIST-format data set on disk. In order: the folder the user named (--data), the system property
 * {@code mlp4j.data}, the environment variable {@code MLP4J_DATA}, then the data set's usual places
 * ({@code ../shared/mnist} for MNIST; Debian's {@code /usr/share/datasets/fashion-mnist}, then
 * {@code ../shared/fashion-mnist}, for Fashion-MNIST), and last the data home {@code ~/.mlp4j/data/<dataset>}
 * ({@link DataHome}), where {@code mlp4j download} puts it. The {@code ../shared} folders beside the project let
 * clones side by side share one copy, and keep finding what earlier versions downloaded there.
 *
 * <p>The first folder holding all four files is the one read, and its files are recognised ({@link KnownFiles}): a
 * folder holding another known data set's files is refused, never read under the name asked for.
 */
public final class DataLocator {

    /** The data sets mlp4j knows, with their usual places. */
    public enum Dataset {
        MNIST("mnist", List.of("../shared/mnist", "shared/mnist")),
        FASHION_MNIST("fashion-mnist", List.of("/usr/share/datasets/fashion-mnist", "../shared/fashion-mnist"));

        private final String id;
        private final List<String> usualPlaces;

        Dataset(String id, List<String> usualPlaces) {
            this.id = id;
            this.usualPlaces = usualPlaces;
        }

        public String id() {
            return id;
        }

        public static Dataset fromId(String id) {
            for (Dataset d : values()) {
                if (d.id.equalsIgnoreCase(id)) {
                    return d;
                }
            }
            throw new InvalidInputException("Unknown data set '" + id + "'; use mnist or fashion-mnist.");
        }
    }

    private DataLocator() {
    }

    /** The folders looked at, in order, each with where it came from; a folder reached twice is listed once. */
    public static List<String[]> candidates(String explicit, Dataset dataset) {
        List<String[]> list = new ArrayList<>();
        if (explicit != null && !explicit.isBlank()) {
            list.add(new String[] {explicit, "--data"});
            return list;
        }
        String prop = System.getProperty("mlp4j.data");
        if (prop != null && !prop.isBlank()) {
            list.add(new String[] {prop, "-Dmlp4j.data"});
        }
        String env = System.getenv("MLP4J_DATA");
        if (env != null && !env.isBlank()) {
            list.add(new String[] {env, "MLP4J_DATA"});
        }
        for (String place : dataset.usualPlaces) {
            list.add(new String[] {place, "default"});
            // The launcher passes the project's root, so ../shared/mnist works from any working directory.
            String root = System.getProperty("mlp4j.root");
            if (root != null && !root.isBlank() && !Paths.get(place).isAbsolute()) {
                list.add(new String[] {Paths.get(root).resolve(place).normalize().toString(), "default"});
            }
        }
        list.add(new String[] {DataHome.of(dataset).toString(), "data home"});
        return withoutRepeats(list);
    }

    /** Run from the project's root, ../shared/mnist and the root's ../shared/mnist are one folder: said once. */
    private static List<String[]> withoutRepeats(List<String[]> list) {
        List<String[]> kept = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (String[] c : list) {
            Path p;
            try {
                p = Paths.get(c[0]).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                kept.add(c);
                continue;
            }
            if (seen.add(p)) {
                kept.add(c);
            }
        }
        return kept;
    }

    /**
     * The first candidate folder holding all four files, with what its files are, or null; nothing is refused here,
     * for a caller that takes any MNIST-format data and names it (bench), or only asks where it would be found.
     */
    public static DataFolder locate(String explicit, Dataset dataset) {
        for (String[] c : candidates(explicit, dataset)) {
            Path p;
            try {
                p = Paths.get(c[0]);
            } catch (InvalidPathException e) {
                throw new InvalidInputException("'" + c[0].replace("\0", "\\0") + "' (" + c[1] + ") is not a valid path (" + e.getReason()
                        + "); give the folder that holds the four " + dataset.id() + " files.");
            }
            if (MnistFiles.present(p)) {
                Path dir = p.toAbsolutePath().normalize();
                return new DataFolder(dir, c[1], KnownFiles.recognise(dir));
            }
        }
        return null;
    }

    /** The first candidate folder holding all four files, or null; one that holds another data set's files is refused. */
    public static Path find(String explicit, Dataset dataset) {
        DataFolder folder = locate(explicit, dataset);
        return folder == null ? null : folder.requireNoneOtherThan(dataset).dir();
    }

    /** Like {@link #find}, with what the files are, but a sentence saying where it looked and what it needs when nothing is found. */
    public static DataFolder require(String explicit, Dataset dataset) {
        DataFolder folder = locate(explicit, dataset);
        if (folder != null) {
            return folder.requireNoneOtherThan(dataset);
        }
        for (String[] c : candidates(explicit, dataset)) {
            Path given = Paths.get(c[0]).toAbsolutePath().normalize();
            if (!c[1].equals("default") && Files.isRegularFile(given)) {
                // Likely one of the four files itself: the folder it is in is probably what was meant.
                String how = c[1].equals("--data") ? "--data " : c[1] + "=";
                throw new InvalidInputException(how + given + " is a file, but " + c[1] + " takes the folder that holds the four "
                        + dataset.id() + " files, e.g. " + how + given.getParent() + ".");
            }
        }
        for (String[] c : candidates(explicit, dataset)) {
            String problem = MnistFiles.problem(Paths.get(c[0]));
            if (problem != null) {
                throw new InvalidInputException(problem + ", or run './mlp4j download --dataset " + dataset.id()
                        + "' and point --data at the folder it fills.");
            }
        }
        StringBuilder where = new StringBuilder();
        for (String[] c : candidates(explicit, dataset)) {
            if (where.length() > 0) {
                where.append(", ");
            }
            where.append(Paths.get(c[0]).toAbsolutePath().normalize()).append(" (").append(c[1]).append(')');
        }
        throw new InvalidInputException("No " + dataset.id() + " data found; looked in " + where + " for "
                + String.join(", ", MnistFiles.NAMES) + " (each raw or .gz). Run './mlp4j download --dataset " + dataset.id()
                + "' or point --data or MLP4J_DATA at the folder that holds them.");
    }
}
