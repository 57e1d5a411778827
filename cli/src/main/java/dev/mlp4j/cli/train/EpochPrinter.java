package dev.mlp4j.cli.train;

import dev.mlp4j.core.train.EpochResult;
import dev.mlp4j.core.train.Evaluation;
import dev.mlp4j.core.train.TrainingListener;

import java.io.PrintWriter;

/** One line per epoch, as Nielsen's code prints them, plus time. */
final class EpochPrinter implements TrainingListener {
    private final PrintWriter out;
    private final int epochs;

    EpochPrinter(PrintWriter out, int epochs) {
        this.out = out;
        this.epochs = epochs;
    }

    @Override
    public void onEpochEnd(EpochResult r) {
        StringBuilder sb = new StringBuilder();
        // Four decimals read well for ordinary costs; a diverging run's 300-digit cost needs an exponent.
        double cost = r.trainingCost();
        sb.append(String.format(Math.abs(cost) < 1e6 || !Double.isFinite(cost) ? "epoch %d/%d  cost %.4f" : "epoch %d/%d  cost %.4e",
                r.epoch(), epochs, cost));
        if (r.validation() != null) {
            sb.append(format("validation", r.validation()));
        }
        if (r.test() != null) {
            sb.append(format("test", r.test()));
        }
        sb.append(String.format("  %.2f s (%.0f examples/s)", r.trainingSeconds(), r.examplesPerSecond()));
        out.println(sb);
        out.flush();
    }

    private static String format(String name, Evaluation e) {
        if (Double.isNaN(e.accuracy())) {
            return String.format("  %s mse %.3g", name, e.meanSquaredError());
        }
        return String.format("  %s %.2f%%", name, 100 * e.accuracy());
    }
}
