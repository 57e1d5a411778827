package dev.mlp4j.cli.download;

import dev.mlp4j.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * What would stop a download into a folder, found before anything is fetched: a folder or special file under one of
 * the names the files (or their .part) take, which would otherwise fail only after the whole transfer (or be
 * silently replaced), and a complete file of another known data set under the same name, which download would
 * otherwise take for a damaged copy and replace. A partial or corrupt file is no obstacle: replacing it is the point.
 */
public final class TargetFolder {
    private TargetFolder() {
    }

    /**
     * The sentence that says why {@code source}'s files must not be fetched into {@code dir}, or null when nothing
     * stands in the way.
     *
     * @param others the other data sets whose complete files must not be replaced
     * @param option how the folder was given (e.g. "--dir"), for the advice
     */
    public static String obstacle(DatasetSource source, List<DatasetSource> others, Path dir, String option) throws IOException {
        for (RemoteFile f : source.files()) {
            for (Path p : List.of(dir.resolve(f.name()), dir.resolve(f.name() + ".part"))) {
                // Only what is there: a missing name is what the download fills, and the folder itself was checked.
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    String why = AtomicFiles.whyNotWritable(p);
                    if (why != null) {
                        return p + " cannot be replaced by the download (" + why + "); move it away or give another " + option + ".";
                    }
                }
            }
        }
        for (RemoteFile f : source.files()) {
            Path p = dir.resolve(f.name());
            if (!Files.isRegularFile(p) || f.check(p) != null) {
                continue;
            }
            for (DatasetSource other : others) {
                for (RemoteFile o : other.files()) {
                    if (o.check(p) != null) {
                        return p + " is a complete " + other.dataset().id() + " file, which a " + source.dataset().id()
                                + " download would replace; give another " + option + ", e.g. " + option + " " + elsewhere(source, dir) + ".";
                    }
                }
            }
        }
        return null;
    }

    /** A folder beside {@code dir} named for the data set, as the data home's folders are. */
    private static Path elsewhere(DatasetSource source, Path dir) {
        Path named = dir.resolveSibling(source.dataset().id());
        return named.equals(dir) ? dir.resolve(source.dataset().id()) : named;
    }
}
