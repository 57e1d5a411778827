package dev.mlp4j.cli.progress;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.text.DecimalFormat;
import java.time.temporal.ChronoUnit;

/** A live bar with count, rate and ETA, redrawn in place on the terminal's stderr. */
final class TerminalProgress implements Progress {
    private final ProgressBar bar;

    TerminalProgress(PrintStream err, String task, long total, String unit) {
        boolean bytes = unit.equals("bytes");
        ProgressBarBuilder b = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total > 0 ? total : -1)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .setUpdateIntervalMillis(200)
                .setSpeedUnit(ChronoUnit.SECONDS)
                .showSpeed(new DecimalFormat("#,##0"))
                // The finished bar would leave a line per epoch; the epoch's own summary line replaces it.
                .clearDisplayOnFinish();
        if (bytes) {
            b.setUnit(" MB", 1 << 20).showSpeed(new DecimalFormat("0.0"));
        } else {
            b.setUnit(" " + unit, 1);
        }
        bar = b.build();
    }

    @Override
    public void advance(long n) {
        bar.stepBy(n);
    }

    @Override
    public void note(String text) {
        bar.setExtraMessage(" " + text);
    }

    @Override
    public void close() {
        bar.close();
    }
}
