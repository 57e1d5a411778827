package dev.mlp4j.cli.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The curves' epoch axis: labels at a round step (1, 2, 5, 10, 20, 50, ...) chosen so that labels stand at least
 * twice their width apart whatever the number of epochs. XChart alone puts a label on every k-th epoch when the
 * epochs are equally spaced, with labels nearly touching (at 300 epochs: 1, 16, 31, ... 106121136 run together).
 */
final class EpochAxis {
    /** The width of the plot's content in pixels, as XChart lays out a {@link CurvesChart#WIDTH}-pixel chart (about). */
    static final double PLOT_PIXELS = 500;
    private static final int[] ROUND = {1, 2, 5};

    private EpochAxis() {
    }

    /** The smallest round step at which labels as wide as {@code labelPixels} are at least twice that apart. */
    static int step(int lastEpoch, double plotPixels, double labelPixels) {
        for (int scale = 1; ; scale *= 10) {
            for (int r : ROUND) {
                int step = r * scale;
                if (step >= lastEpoch || plotPixels * step / lastEpoch >= 2 * labelPixels) {
                    return step;
                }
            }
        }
    }

    /** The epochs labelled: the multiples of {@code step} up to {@code lastEpoch}, from 0 where the step is above 1. */
    static List<Integer> ticks(int lastEpoch, int step) {
        if (lastEpoch == 1) {
            return List.of(0, 1, 2);
        }
        return IntStream.rangeClosed(step == 1 ? 1 : 0, lastEpoch / step).map(i -> i * step).boxed().toList();
    }

    /** Sets {@code chart}'s epoch axis for epochs 1 to {@code lastEpoch}; call after the series are added. */
    static void apply(XYChart chart, int lastEpoch) {
        AxesChartStyler styler = chart.getStyler();
        Font font = styler.getAxisTickLabelsFont();
        double labelPixels = font.getStringBounds(String.valueOf(lastEpoch), new FontRenderContext(null, true, false)).getWidth();
        int step = step(lastEpoch, PLOT_PIXELS, labelPixels);
        // Labels fall on multiples of the step: each epoch's at step 1 (half an epoch of room on either side; a single
        // epoch in the middle of 0 to 2, as XChart would label half epochs on a span of one), else from 0, the origin.
        double min = lastEpoch == 1 ? 0 : step == 1 ? 0.5 : 0;
        double max = lastEpoch == 1 ? 2 : step == 1 ? lastEpoch + 0.5 : lastEpoch;
        styler.setXAxisMin(min);
        styler.setXAxisMax(max);
        // XChart rounds span / plot width * hint to a round grid step; this hint makes that the step chosen above.
        // Capped: XChart draws no label at all where the hint exceeds the plot's width (wide y labels narrow it).
        styler.setXAxisTickMarkSpacingHint((int) Math.round(Math.min(0.6 * PLOT_PIXELS, PLOT_PIXELS * step / (max - min))));
        anchor(chart);
    }

    /**
     * XChart places labels by grid step only where the x values are not all equally spaced, so an invisible point half
     * an epoch in (at a y the curves already reach, so the y axis stays as it was) breaks the spacing.
     */
    private static void anchor(XYChart chart) {
        XYSeries first = chart.getSeriesMap().values().stream().findFirst().orElse(null);
        if (first == null) {
            return;
        }
        XYSeries s = chart.addSeries(" ", new double[] {0.5}, new double[] {first.getYData()[0]});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(new Color(0, 0, 0, 0));
        s.setShowInLegend(false);
    }
}
