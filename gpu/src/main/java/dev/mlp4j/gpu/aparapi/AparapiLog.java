package dev.mlp4j.gpu.aparapi;

import com.aparapi.Config;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Aparapi's java.util.logging logger, which writes straight to the process's stderr: a SEVERE line when libOpenCL
 * is missing, a warning when a kernel falls back to Java threads. mlp4j says what matters of these in its own
 * sentences (why a backend cannot run, which device ran), so a program may hide them. Aparapi names the logger after
 * its level property ({@link Config#getLoggerName()}) and sets that logger's level when it starts, so a level set on
 * a parent such as "com.aparapi" has no effect.
 */
public final class AparapiLog {
    /** Held here because java.util.logging keeps loggers only weakly: a level set on a dropped logger is lost. */
    private static final Logger LOGGER = Logger.getLogger(Config.getLoggerName());

    private AparapiLog() {
    }

    /** Shows Aparapi's log at the level its property asks for (WARNING by default), or hides it. */
    public static void show(boolean shown) {
        LOGGER.setLevel(shown ? Level.parse(System.getProperty(Config.getLoggerName(), "WARNING")) : Level.OFF);
    }

    /** Whether Aparapi's warnings reach its log's handlers now. */
    public static boolean shown() {
        return LOGGER.isLoggable(Level.WARNING);
    }

    static Logger logger() {
        return LOGGER;
    }
}
