package dev.mlp4j.cli.train.output;

import dev.mlp4j.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses, before training, output options that would write over each other: --save naming a file the report or
 * the checkpoint writes (the last writer would win, and a resume or the report page be lost), or a path one option
 * writes as a file where another needs a folder. Paths are compared as the file system will resolve them (.., links
 * of folders that exist).
 */
final class OutputCollisions {
    private final List<Output> outputs = new ArrayList<>();

    /** What one option writes: a file (--save), or a folder and the names it writes in it. */
    private record Output(String option, Path given, Path folder, List<Path> files) {
    }

    OutputCollisions file(String option, Path file) {
        if (file != null) {
            outputs.add(new Output(option, file, null, List.of(resolved(file))));
        }
        return this;
    }

    OutputCollisions folder(String option, Path dir, List<String> names) {
        if (dir != null) {
            Path folder = resolved(dir);
            outputs.add(new Output(option, dir, folder, names.stream().map(folder::resolve).toList()));
        }
        return this;
    }

    /** A usage error naming the first two outputs that collide. */
    void check() {
        for (int i = 0; i < outputs.size(); i++) {
            for (int j = 0; j < outputs.size(); j++) {
                if (i != j) {
                    check(outputs.get(i), outputs.get(j));
                }
            }
        }
    }

    private static void check(Output a, Output b) {
        for (Path file : a.files()) {
            if (b.files().contains(file) && a.folder() == null) {
                throw new UsageException(a.option() + " " + a.given() + " is a file " + b.option() + " " + b.given()
                        + " writes too; give " + a.option() + " another path.");
            }
            if (b.folder() != null && b.folder().startsWith(file) || b.files().stream().anyMatch(f -> !f.equals(file) && f.startsWith(file))) {
                throw new UsageException(b.option() + " " + b.given() + " needs a folder where " + a.option() + " " + a.given()
                        + " writes a file" + (a.folder() == null ? "" : " (" + file + ")") + "; give "
                        + (a.folder() == null ? a.option() : b.option()) + " another path.");
            }
        }
    }

    /** The path made absolute, its longest existing part resolved as the file system does (links, ..). */
    static Path resolved(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }
}
