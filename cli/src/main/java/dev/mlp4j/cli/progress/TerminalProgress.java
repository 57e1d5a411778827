package dev.mlp4j.cli.progress;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.PrintStream;

/** A live bar with count, rate and ETA, redrawn in place on the terminal's stderr. */
final class TerminalProgress implements Progress {
    private final ProgressBar bar;

    TerminalProgress(PrintStream err, String task, long total, String unit) {
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total > 0 ? total : -1)
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .setUpdateIntervalMillis(200)
                .setRenderer(new BarText(unit))
                // The finished bar would leave a line per epoch; the epoch's own summary line replaces it.
                .clearDisplayOnFinish()
                .build();
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
