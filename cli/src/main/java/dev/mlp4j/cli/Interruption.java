package dev.mlp4j.cli;

import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) and SIGTERM while {@code train} trains: the JVM runs its shutdown hooks, and this one asks the
 * trainer to stop after the current mini-batch, then waits (at most {@link #WAIT_SECONDS} s) for the command to
 * save what it keeps and print its last lines before the JVM exits (with 128 + the signal's number: 130, 143).
 *
 * <p>The hook is installed only by {@link Main#main}, in a process of mlp4j's own, never by {@link Main#run} in
 * another program. It does nothing unless a command has {@linkplain #arm armed} it: a signal while the data loads
 * ends the process at once, as does a normal exit after the command has {@linkplain #disarm ended}.
 */
final class Interruption {
    /** How long the hook waits for the command's writes; a second signal cannot end them sooner, kill -9 can. */
    static final long WAIT_SECONDS = 30;

    private static final Object LOCK = new Object();
    /** Stops the running training; set from the start of training until the command has ended, else null. */
    private static Runnable cancel;
    /** The signal that started the shutdown (2 INT, 15 TERM); 0 while none has come. */
    private static volatile int signal;

    private Interruption() {
    }

    /** Installs the shutdown hook; for the process's own main only. */
    static void install() {
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
    static int exitCode() {
        int s = signal;
        return s > 0 ? 128 + s : ExitCodes.INTERRUPTED;
    }

    /** Whether a signal has come (in a process whose main installed this). */
    static boolean signalled() {
        return signal > 0;
    }

    /** From now until {@link #disarm}, a signal calls {@code stop} and waits for the command to end. */
    static void arm(Runnable stop) {
        synchronized (LOCK) {
            cancel = stop;
        }
    }

    /** The command has ended and printed all it prints: a waiting hook may let the JVM exit. */
    static void disarm() {
        synchronized (LOCK) {
            cancel = null;
            LOCK.notifyAll();
        }
    }

    private static void onShutdown() {
        Runnable stop;
        synchronized (LOCK) {
            stop = cancel;
        }
        if (stop == null) {
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
    }
}
