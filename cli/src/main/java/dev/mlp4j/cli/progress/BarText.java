package dev.mlp4j.cli.progress;

import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

import java.util.Locale;

/**
 * The terminal bar's line: "epoch 3/300  41% [=====>      ] 287 of 700 examples, 0.4 s, 717 examples/s, 0.6 s left".
 * The library's own line counts whole seconds, so an epoch shorter than one showed "(0:00:00 / 0:00:00) ? examples/s";
 * this one measures in nanoseconds and shows tenths of a second below ten.
 */
final class BarText implements ProgressBarRenderer {
    /** The narrowest bar worth drawing; on a terminal narrower than the text, the text alone (cut to fit). */
    private static final int MIN_BAR = 10;
    private static final int DEFAULT_WIDTH = 80;

    private final String unit;

    BarText(String unit) {
        this.unit = unit;
    }

    @Override
    public String render(ProgressState state, int width) {
        long max = state.isIndefinite() ? 0 : state.getMax();
        // The library passes -1 or 0 where it cannot tell the terminal's width.
        return line(state.getTaskName(), state.getCurrent(), max, state.getTotalElapsed().toNanos(), unit,
                state.getExtraMessage(), width > 0 ? width : DEFAULT_WIDTH);
    }

    /** The line for {@code done} of {@code total} units (0: unknown) after {@code nanos}, at most {@code width} wide. */
    static String line(String task, long done, long total, long nanos, String unit, String note, int width) {
        double seconds = nanos / 1e9;
        StringBuilder facts = new StringBuilder(" ");
        facts.append(total > 0 ? Quantities.count(done, unit) + " of " + Quantities.count(total, unit) : Quantities.count(done, unit))
                .append(' ').append(Quantities.unitName(unit)).append(", ").append(Quantities.elapsed(seconds));
        // No rate before any work is done: "0 examples/s" would read as a stall.
        if (done > 0 && seconds > 0) {
            double rate = done / seconds;
            facts.append(", ").append(Quantities.rate(rate, unit));
            if (total > done) {
                facts.append(", ").append(Quantities.elapsed((total - done) / rate)).append(" left");
            }
        }
        if (note != null && !note.isBlank()) {
            facts.append(" (").append(note.strip()).append(')');
        }
        String head = total > 0 ? String.format(Locale.ROOT, "%s %3d%% ", task, 100 * done / total) : task;
        int barWidth = width - head.length() - facts.length() - 2;
        String text = total > 0 && barWidth >= MIN_BAR ? head + bar(done, total, barWidth) + facts : head + facts;
        return text.length() <= width ? text : text.substring(0, Math.max(0, width));
    }

    private static String bar(long done, long total, int width) {
        int filled = (int) Math.min(width, width * done / total);
        return "[" + "=".repeat(filled) + (filled < width ? ">" + " ".repeat(width - filled - 1) : "") + "]";
    }
}
