package dev.mlp4j.gpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Libraries found through the dynamic linker's cache, such as a driver's folder of its own that ldconfig knows. */
class LinkerCacheTest {
    @TempDir
    Path dir;

    /** A cache as glibc writes it, reduced to what matters here: a header, binary entries, then NUL-ended strings. */
    private static byte[] cache(String... strings) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("glibc-ld.so.cache1.1".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {3, 0, 0, 0, 1, 0, 0, 0, (byte) 0x80, 0, 0, 0});
        for (String s : strings) {
            b.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            b.write(0);
        }
        return b.toByteArray();
    }

    @Test
    void a_loader_in_a_folder_only_the_cache_names_is_found() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("usr/local/nvidia/lib64"));
        Path loader = Files.createFile(lib.resolve("libOpenCL.so"));
        byte[] c = cache("libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6", "libOpenCL.so.1", lib + "/libOpenCL.so.1",
                "libOpenCL.so", loader.toString());
        assertEquals(loader, LinkerCache.find(c, "libOpenCL.so"));
    }

    @Test
    void a_listed_library_that_is_not_there_or_has_another_name_is_not_found() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.createFile(lib.resolve("libOpenCL.so.1"));
        assertNull(LinkerCache.find(cache("libOpenCL.so", lib + "/libOpenCL.so"), "libOpenCL.so"), "listed but missing");
        assertNull(LinkerCache.find(cache(lib + "/libOpenCL.so.1"), "libOpenCL.so"), "only the versioned name");
        assertNull(LinkerCache.find(new byte[0], "libOpenCL.so"));
    }
}
