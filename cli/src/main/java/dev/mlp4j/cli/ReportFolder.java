package dev.mlp4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** --report DIR must be a folder (or not exist yet); said at the start rather than after the first epoch. */
final class ReportFolder {
    private ReportFolder() {
    }

    static void check(Path dir) {
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("--report " + dir + " is a file; give a folder for the report's pictures and index.html.");
        }
    }
}
