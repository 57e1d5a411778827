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

    private Interruption() {
    }

    /** Installs the shutdown hook; for the process's own main only. */
    static void install() {
        Runtime.getRuntime().addShutdownHook(new Thread(Interruption::onShutdown, "mlp4j-interrupt"));
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
