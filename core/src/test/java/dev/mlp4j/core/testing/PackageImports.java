package dev.mlp4j.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which of the project's packages each package of a source tree imports, read from the sources' import lines: the
 * package graph a reader sees, for tests that keep it free of cycles.
 */
public final class PackageImports {
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** An import of a project class (or of a member of one): the package is what precedes the first capital. */
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.mlp4j(?:\\.[a-z]\\w*)*)\\.[A-Z]",
            Pattern.MULTILINE);

    private final Map<String, Set<String>> imports;

    private PackageImports(Map<String, Set<String>> imports) {
        this.imports = imports;
    }

    /** The packages under {@code sourceRoot} (e.g. src/main/java) and the project packages each imports. */
    public static PackageImports of(Path sourceRoot) {
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Matcher p = PACKAGE.matcher(text);
                if (!p.find()) {
                    continue;
                }
                Set<String> used = imports.computeIfAbsent(p.group(1), k -> new TreeSet<>());
                Matcher m = IMPORT.matcher(text);
                while (m.find()) {
                    if (!m.group(1).equals(p.group(1))) {
                        used.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PackageImports(imports);
    }

    /** The packages found, each with the project packages it imports. */
    public Map<String, Set<String>> graph() {
        return imports;
    }

    /** A cycle of packages that import each other, as "a -> b -> a", or null when the graph has none. */
    public String cycle() {
        Set<String> done = new TreeSet<>();
        for (String start : imports.keySet()) {
            List<String> path = new ArrayList<>();
            String found = cycleFrom(start, path, done);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private String cycleFrom(String pkg, List<String> path, Set<String> done) {
        int at = path.indexOf(pkg);
        if (at >= 0) {
            List<String> loop = new ArrayList<>(path.subList(at, path.size()));
            loop.add(pkg);
            return String.join(" -> ", loop);
        }
        if (done.contains(pkg) || !imports.containsKey(pkg)) {
            return null;
        }
        path.add(pkg);
        for (String next : imports.get(pkg)) {
            String found = cycleFrom(next, path, done);
            if (found != null) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        done.add(pkg);
        return null;
    }
}
