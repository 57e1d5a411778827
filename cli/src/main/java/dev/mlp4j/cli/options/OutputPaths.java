package dev.mlp4j.cli.options;

import dev.mlp4j.cli.UsageException;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.io.AtomicFiles;
import dev.mlp4j.core.io.IoErrors;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The files and folders a command will write, checked before it trains or downloads anything, so that a typo or
 * a folder that takes no files costs no time and loses no result: a usage error naming the option, the path and
 * why.
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * A file the command replaces (atomically) at the end, e.g. --save FILE; null (not given) passes. {@code given} is
     * the text the path was given as: one ending in a slash names a folder (the Path has lost the slash, and would be
     * written as a file of that name).
     */
    public static void checkFile(String option, Path file, String given) {
        if (file == null) {
            return;
        }
        boolean slash = given != null && (given.endsWith("/") || given.endsWith(File.separator));
        if (slash || Files.isDirectory(file)) {
            throw new UsageException(option + " " + (slash ? given : file) + " is a folder; name a file, e.g. " + option + " "
                    + file.resolve("model.json") + ".");
        }
        String why = AtomicFiles.whyNotWritable(file);
        if (why != null) {
            throw new UsageException(option + " " + file + " cannot be written: " + why + "; name another file.");
        }
    }

    /** A folder the command writes files into, created when missing, e.g. --report DIR; null (not given) passes. */
    public static void checkFolder(String option, Path dir) {
        if (dir == null) {
            return;
        }
        String why = AtomicFiles.whyNotFolder(dir);
        if (why != null) {
            throw new UsageException(option + " " + dir + " cannot be used: " + why + "; give another folder.");
        }
    }

    /**
     * The files a folder option writes inside {@code dir} (a report's, a checkpoint's), each checked as --save's is,
     * so that a folder or a FIFO under one of their names stops the run before it trains, not after its first epoch.
     *
     * @param what what writes them, e.g. "the report"
     */
    public static void checkFilesIn(String option, Path dir, String what, List<String> names) {
        if (dir == null) {
            return;
        }
        for (String name : names) {
            Path file = dir.resolve(name);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            String why = AtomicFiles.whyNotWritable(file);
            if (why != null) {
                throw new UsageException(option + " " + dir + " cannot be used: " + what + " writes " + file + ", and " + why
                        + "; move it away, or give another folder.");
            }
        }
    }

    /**
     * A failed write as one sentence that says what was being done: "{@code doing}: reason (file)." The file is named
     * where it is not the one {@code doing} names (a temporary file, one file of a report).
     */
    public static InvalidInputException failure(String doing, IOException e) {
        String file = e instanceof FileSystemException f && f.getFile() != null && !doing.endsWith(f.getFile()) ? " (" + f.getFile() + ")" : "";
        return new InvalidInputException(doing + ": " + IoErrors.reason(e) + file + ".", e);
    }
}
