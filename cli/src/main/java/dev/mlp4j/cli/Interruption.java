package dev.mlp4j.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Ctrl-C (SIGINT) and SIGTERM while {@code train} trains: the JVM runs its shutdown hooks, and this one asks the
 * trainer to stop after the current mini-batch, then waits (at most {@link #WAIT_SECONDS} s) for the command to
 * save what it keeps and print its last lines before the JVM exits, with the command's exit code: 128 + the signal's
 * number (130, 143) when the signal stopped training, 0 when it came after the last epoch and cost nothing.
 *
 * <p>The hook is installed only by {@link Main#main}, in a process of mlp4j's own, never by {@link Main#run} in
 * another program. Before a command arms its own handling (all the time in a command that never does), a signal
 * ends the process at once after one line, {@code error: interrupted by SIGTERM before the command finished.}, on
 * stderr and, under --json, the JSON error object as the last stdout line ({@link #armReport}). A normal exit after
 * the command has {@linkplain #disarm ended} is not delayed: the hook then does nothing.
 */
public final class Interruption {
    /** How long the hook waits for the command's writes; a second signal cannot end them sooner, kill -9 can. */
    static final long WAIT_SECONDS = 30;
    /** How long the hook waits to print the report: a stdout nobody reads must not keep the process alive. */
    static final long REPORT_MILLIS = 2_000;

    private static final Object LOCK = new Object();
    /**
     * What a signal does: stop the running training (set from the start of training until the command has ended),
     * or print the report (from the start of the command until the training starts, or the command ends); else null.
     */
    private static Runnable cancel;
    /** Whether {@link #cancel} stops a command that then ends itself, so the hook waits for it. */
    private static boolean waits;
    /** The signal that started the shutdown (2 INT, 15 TERM); 0 while none has come. */
    private static volatile int signal;
    /** The exit code the command ended with, once it has; null before. */
    private static volatile Integer endCode;
    /** The process's stdout and stderr as {@link Main#main} hands them to the command; null until installed. */
    private static Gate out;
    private static Gate err;

    private Interruption() {
    }

    /** Installs the shutdown hook; for the process's own main only. */
    static void install() {
        out = new Gate(new PrintWriter(System.out, true));
        err = new Gate(new PrintWriter(System.err, true));
        Runtime.getRuntime().addShutdownHook(new Thread(Interruption::onShutdown, "mlp4j-interrupt"));
        // A shutdown hook cannot tell which signal started the shutdown, and the JSON line must give the exit code
        // the JVM will use; so each signal is noted, then handed to the JVM's own handler, which starts the shutdown.
        record("INT");
        record("TERM");
    }

    private static void record(String name) {
        try {
            sun.misc.Signal sig = new sun.misc.Signal(name);
            sun.misc.SignalHandler[] jvm = new sun.misc.SignalHandler[1];
            jvm[0] = sun.misc.Signal.handle(sig, s -> {
                signal = s.getNumber();
                sun.misc.SignalHandler h = jvm[0];
                if (h != null) {
                    h.handle(s);
                } else {
                    // Came before the JVM's handler was known (the first moments of main): exit as it would.
                    System.exit(128 + s.getNumber());
                }
            });
            if (jvm[0] == sun.misc.SignalHandler.SIG_IGN || jvm[0] == sun.misc.SignalHandler.SIG_DFL) {
                // Ignored (nohup, a background job) or not the JVM's (-Xrs): it stays as it was.
                sun.misc.Signal.handle(sig, jvm[0]);
            }
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // The signal is the JVM's own or unknown here: its exit code is then told as 130.
        }
    }

    /** The exit code the process ends with after a signal: 128 + its number, 130 (SIGINT's) when none was noted. */
    public static int exitCode() {
        int s = signal;
        return s > 0 ? 128 + s : ExitCodes.INTERRUPTED;
    }

    /** Whether a signal has come (in a process whose main installed this). */
    public static boolean signalled() {
        return signal > 0;
    }

    /** Stdout for the command in a process whose main installed this: after the report, nothing more gets through. */
    static PrintWriter stdout() {
        return new PrintWriter(out, true);
    }

    /** Stderr for the command, as {@link #stdout}. */
    static PrintWriter stderr() {
        return new PrintWriter(err, true);
    }

    /** From now until {@link #disarm}, a signal calls {@code stop} and waits for the command to end. */
    public static void arm(Runnable stop) {
        synchronized (LOCK) {
            cancel = stop;
            waits = true;
        }
    }

    /**
     * From now until {@link #arm} or {@link #disarm}, a signal prints that it ended the command (named by
     * {@code command} then) on stderr and, with {@code json}, as the JSON error object on stdout, and lets the process
     * exit at once. Does nothing where {@link #install} was not called (the hook is not there).
     */
    static void armReport(Supplier<String> command, boolean json) {
        synchronized (LOCK) {
            cancel = () -> report(command.get(), json);
            waits = false;
        }
    }

    /**
     * The command has ended with {@code code} and printed all it prints: a waiting hook may let the JVM exit, with
     * this code rather than the signal's, since it is the one the command printed (a run the signal came too late to
     * stop completed, and exits 0).
     */
    static void disarm(int code) {
        synchronized (LOCK) {
            endCode = code;
            cancel = null;
            LOCK.notifyAll();
        }
    }

    private static void onShutdown() {
        Runnable stop;
        boolean wait;
        synchronized (LOCK) {
            stop = cancel;
            wait = waits;
        }
        if (stop == null) {
            // Nothing armed: the command has ended (or not yet begun).
            exitAsTheCommandSaid();
            return;
        }
        if (!wait && !signalled()) {
            // The JVM exits for another reason than a signal of ours (System.exit, SIGHUP).
            return;
        }
        if (!wait) {
            // On a thread of its own: a writer blocked on a full pipe must not hold the process up for long.
            Thread report = new Thread(stop, "mlp4j-interrupt-report");
            report.setDaemon(true);
            report.start();
            try {
                report.join(REPORT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        stop.run();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        synchronized (LOCK) {
            long left;
            while (cancel == stop && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(LOCK, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        exitAsTheCommandSaid();
    }

    /**
     * After a signal, once the command has ended, ends the process with the command's exit code: the JVM would use the
     * signal's. Nothing is left to do by then (all is written and flushed), so skipping other hooks loses nothing.
     */
    private static void exitAsTheCommandSaid() {
        Integer code = endCode;
        if (code != null && signalled()) {
            Runtime.getRuntime().halt(code);
        }
    }

    private static void report(String command, boolean json) {
        String message = "interrupted by " + (signal == 2 ? "SIGINT" : signal == 15 ? "SIGTERM" : "a signal") + " before the command finished.";
        int code = exitCode();
        err.last(w -> w.println("error: " + message));
        out.last(w -> {
            if (json) {
                JsonOutput.error(w, command, message, code);
            }
        });
    }

    /**
     * Passes the command's output on until the report has been printed through it, then drops it, so that the
     * report's lines stay the last (the command goes on running while the JVM exits). Its lock is the one the
     * {@link PrintWriter} over it takes for each print, so the report never lands inside a line.
     */
    private static final class Gate extends Writer {
        private final PrintWriter to;
        private boolean shut;

        Gate(PrintWriter to) {
            this.to = to;
        }

        @Override
        public void write(char[] text, int offset, int length) {
            synchronized (lock) {
                if (!shut) {
                    to.write(text, offset, length);
                }
            }
        }

        @Override
        public void flush() {
            synchronized (lock) {
                if (!shut) {
                    to.flush();
                }
            }
        }

        @Override
        public void close() {
            flush();
        }

        /** Prints the last lines through this writer; nothing after them gets through. */
        void last(Consumer<PrintWriter> print) {
            synchronized (lock) {
                if (!shut) {
                    print.accept(to);
                    to.flush();
                    shut = true;
                }
            }
        }
    }
}
