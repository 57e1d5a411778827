package dev.mlp4j.cli;

import java.nio.file.Path;

/** --report DIR must be a folder that takes files (or can be created); said at the start rather than after the first epoch. */
final class ReportFolder {
    private ReportFolder() {
    }

    static void check(Path dir) {
        OutputPaths.checkFolder("--report", dir);
    }
}
