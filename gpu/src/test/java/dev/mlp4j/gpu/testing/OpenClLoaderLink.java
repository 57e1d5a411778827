package dev.mlp4j.gpu.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Before any test runs, makes libOpenCL.so resolvable for JOCL where only libOpenCL.so.1 is installed: links it in
 * the opencl-loader folder that the pom puts on the tests' LD_LIBRARY_PATH. The dynamic loader reads that
 * variable when the JVM starts but looks into its folders at each dlopen, so a link made now is found when JOCL
 * first loads. Does nothing where libOpenCL.so already resolves, or where there is no loader at all (the tests
 * then skip, saying what to install).
 */
public final class OpenClLoaderLink implements LauncherSessionListener {
    private static final List<String> SYSTEM_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64", "/usr/lib", "/usr/local/lib", "/lib/x86_64-linux-gnu", "/lib64", "/lib");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        link();
    }

    static void link() {
        String path = System.getenv("LD_LIBRARY_PATH");
        if (path == null || !System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return;
        }
        Path folder = null;
        for (String d : path.split(":")) {
            if (d.endsWith("opencl-loader") && Files.isDirectory(Path.of(d))) {
                folder = Path.of(d);
            }
            if (!d.isEmpty() && Files.exists(Path.of(d, "libOpenCL.so")) && !d.endsWith("opencl-loader")) {
                return;
            }
        }
        if (folder == null || SYSTEM_DIRS.stream().anyMatch(d -> Files.exists(Path.of(d, "libOpenCL.so")))) {
            return;
        }
        Path loader = SYSTEM_DIRS.stream().map(d -> Path.of(d, "libOpenCL.so.1")).filter(Files::exists).findFirst().orElse(null);
        Path link = folder.resolve("libOpenCL.so");
        if (loader == null || Files.exists(link)) {
            return;
        }
        try {
            Files.createSymbolicLink(link, loader);
        } catch (IOException e) {
            // Then the OpenCL tests skip with the reason JOCL gives.
        }
    }
}
