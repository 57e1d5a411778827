package dev.mlp4j.gpu;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The process's C-level stderr (file descriptor 2), which native libraries write to past Java's System.err and
 * java.util.logging: Aparapi's library prints "WARNING: Aparapi is running on an untested OpenCL platform version"
 * each time it lists the platforms of an OpenCL newer than 2.1 (PoCL 3 says "OpenCL 3.0"), and no setting of
 * Aparapi's turns that off. Java cannot point a file descriptor elsewhere by itself, so this calls the C library's
 * dup and dup2 through JNA. Where that cannot be done (no POSIX C library, JNA missing) the call runs as it is, and
 * the native lines appear as before.
 */
public final class NativeStderr {
    private static final int STDERR = 2;
    /** The same on Linux and macOS. */
    private static final int O_WRONLY = 1;

    /** The C functions used; a nested interface, so that JNA is loaded only when one is called. */
    private interface CLibrary extends Library {
        int dup(int fd);

        int dup2(int fd, int fd2);

        int open(String path, int flags);

        int close(int fd);
    }

    private NativeStderr() {
    }

    /**
     * Runs {@code call} with file descriptor 2 on /dev/null, so what native code prints there meanwhile is dropped.
     * Java's System.err writes to the same descriptor, so anything another thread prints to it during the call is
     * dropped too: keep the call short. Calls are serialised, so nested and concurrent ones restore the stream.
     */
    public static synchronized <T> T discardDuring(Supplier<T> call) {
        CLibrary c = library();
        if (c == null) {
            return call.get();
        }
        System.err.flush();
        int saved = c.dup(STDERR);
        int devNull = saved < 0 ? -1 : c.open("/dev/null", O_WRONLY);
        if (devNull < 0 || c.dup2(devNull, STDERR) < 0) {
            closeAll(c, saved, devNull);
            return call.get();
        }
        try {
            return call.get();
        } finally {
            c.dup2(saved, STDERR);
            closeAll(c, saved, devNull);
        }
    }

    private static void closeAll(CLibrary c, int... fds) {
        for (int fd : fds) {
            if (fd >= 0) {
                c.close(fd);
            }
        }
    }

    /** The C library, or null where there is no POSIX one to call or JNA cannot load. */
    private static CLibrary library() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!(os.contains("linux") || os.contains("mac"))) {
            return null;
        }
        try {
            return Loaded.C;
        } catch (LinkageError e) {
            return null;
        }
    }

    /** Loads the C library once, on first use. */
    private static final class Loaded {
        static final CLibrary C = Native.load("c", CLibrary.class);
    }
}
