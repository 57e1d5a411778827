package dev.mlp4j.gpu.aparapi;

import com.aparapi.Config;
import dev.mlp4j.gpu.NativeStderr;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Aparapi's java.util.logging logger, which writes straight to the process's stderr: a SEVERE line when libOpenCL
 * is missing, a warning when a kernel falls back to Java threads. mlp4j says what matters of these in its own
 * sentences (why a backend cannot run, which device ran), so a program may hide them. Aparapi names the logger after
 * its level property ({@link Config#getLoggerName()}) and sets that logger's level when it starts, so a level set on
 * a parent such as "com.aparapi" has no effect.
 *
 * <p>Aparapi's native library also prints a line of its own on stderr, from C, each time it lists the OpenCL
 * platforms of a version it has not tested (any OpenCL 3.0, such as PoCL 3's): a warning about Aparapi, not about
 * the run, and the same on every run. It is dropped ({@link NativeStderr}) unless {@link #show} asked for Aparapi's log.
 */
public final class AparapiLog {
    /** Held here because java.util.logging keeps loggers only weakly: a level set on a dropped logger is lost. */
    private static final Logger LOGGER = Logger.getLogger(Config.getLoggerName());
    private static volatile boolean nativeShown;

    private AparapiLog() {
    }

    /** Shows Aparapi's log at the level its property asks for (WARNING by default), or hides it; its native lines too. */
    public static void show(boolean shown) {
        LOGGER.setLevel(shown ? Level.parse(System.getProperty(Config.getLoggerName(), "WARNING")) : Level.OFF);
        nativeShown = shown;
    }

    /**
     * Runs a call into Aparapi that may print on the native stderr (listing the platforms), dropping what it prints
     * there unless {@link #show show(true)} was called.
     */
    static <T> T quietly(Supplier<T> call) {
        return nativeShown ? call.get() : NativeStderr.discardDuring(call);
    }

    /** Whether Aparapi's warnings reach its log's handlers now. */
    public static boolean shown() {
        return LOGGER.isLoggable(Level.WARNING);
    }

    static Logger logger() {
        return LOGGER;
    }
}
