package dev.mlp4j.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The libraries the system's dynamic linker knows from its cache, /etc/ld.so.cache (what {@code ldconfig -p} lists):
 * folders named in /etc/ld.so.conf.d, such as a GPU driver's /usr/local/nvidia/lib64, are found through it by
 * dlopen, which JOCL uses, though java.library.path does not name them.
 */
final class LinkerCache {
    static final Path SYSTEM = Path.of("/etc/ld.so.cache");

    private LinkerCache() {
    }

    /** The first library of that file name the system's cache lists and that exists; null when none. */
    static Path find(String file) {
        try {
            return find(Files.readAllBytes(SYSTEM), file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The first path in a cache's contents that ends in {@code /file} and exists. The cache's string table holds each
     * library's path as a NUL-terminated string, in both of glibc's formats, so the paths are read without parsing
     * the entries around them.
     */
    static Path find(byte[] cache, String file) {
        String suffix = "/" + file;
        int start = 0;
        for (int i = 0; i <= cache.length; i++) {
            if (i == cache.length || cache[i] == 0) {
                if (i - start > suffix.length() && cache[start] == '/') {
                    String s = new String(cache, start, i - start, StandardCharsets.ISO_8859_1);
                    if (s.endsWith(suffix) && Files.exists(Path.of(s))) {
                        return Path.of(s);
                    }
                }
                start = i + 1;
            }
        }
        return null;
    }
}
