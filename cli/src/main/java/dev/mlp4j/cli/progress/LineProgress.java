package dev.mlp4j.cli.progress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress as a plain line every so often, for output that is not a terminal: "epoch 3/30: 41% (20,500 of 50,000
 * examples), 11,873 examples/s, about 3 s left". Work that ends before the first interval prints nothing.
 */
final class LineProgress implements Progress {
    private final PrintWriter out;
    private final String task;
    private final long total;
    private final String unit;
    private final LongSupplier clock;
    private final long interval;
    private final long start;
    private long lastLine;
    private long done;
    private boolean printed;
    private String note;

    LineProgress(PrintWriter out, String task, long total, String unit, LongSupplier clock, long intervalNanos) {
        this.out = out;
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.clock = clock;
        this.interval = intervalNanos;
        this.start = clock.getAsLong();
        this.lastLine = start;
    }

    @Override
    public void advance(long n) {
        done += n;
        long now = clock.getAsLong();
        if (now - lastLine >= interval) {
            lastLine = now;
            print(now);
        }
    }

    @Override
    public void note(String text) {
        note = text;
    }

    @Override
    public void close() {
        if (printed) {
            print(clock.getAsLong());
        }
    }

    private void print(long now) {
        printed = true;
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder sb = new StringBuilder(task).append(": ");
        if (total > 0) {
            sb.append(String.format(Locale.ROOT, "%d%% (%s of %s %s)", 100 * done / total, Quantities.count(done, unit),
                    Quantities.count(total, unit), Quantities.unitName(unit)));
        } else {
            sb.append(Quantities.count(done, unit)).append(' ').append(Quantities.unitName(unit));
        }
        sb.append(", ").append(Quantities.rate(rate, unit));
        if (total > 0 && done < total && rate > 0) {
            sb.append(", about ").append(Quantities.duration((total - done) / rate)).append(" left");
        }
        if (note != null) {
            sb.append(" (").append(note).append(')');
        }
        out.println(sb);
        out.flush();
    }
}
