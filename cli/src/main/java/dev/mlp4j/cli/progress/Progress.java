package dev.mlp4j.cli.progress;

/** How far one piece of long work has come: a bar on a terminal, occasional lines in a log, or nothing. */
public interface Progress extends AutoCloseable {

    /** {@code n} more units done. */
    void advance(long n);

    /** A short note on what happens now, e.g. "scoring the test set". */
    void note(String text);

    /** The work is over; the display is finished. */
    @Override
    void close();

    /** Shows nothing. */
    static Progress none() {
        return new Progress() {
            @Override
            public void advance(long n) {
            }

            @Override
            public void note(String text) {
            }

            @Override
            public void close() {
            }
        };
    }
}
