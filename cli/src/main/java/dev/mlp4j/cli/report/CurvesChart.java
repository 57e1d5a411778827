package dev.mlp4j.cli.report;

import dev.mlp4j.core.train.EpochResult;
import dev.mlp4j.core.train.Evaluation;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The training curves: cost per epoch beside accuracy per epoch (mean squared error for regression data, where
 * accuracy means nothing). Series without a single finite value are left out rather than drawn empty.
 */
final class CurvesChart {
    static final int WIDTH = 620;
    static final int HEIGHT = 420;

    private CurvesChart() {
    }

    static List<XYChart> charts(ReportInput in) {
        List<EpochResult> h = in.history();
        XYChart cost = chart("Cost per epoch", "cost");
        add(cost, "training", h, EpochResult::trainingCost);
        add(cost, "validation", h, evaluation(EpochResult::validation, Evaluation::cost));
        add(cost, "test", h, evaluation(EpochResult::test, Evaluation::cost));

        boolean classification = in.test().data().isClassification();
        XYChart second;
        if (classification) {
            second = chart("Accuracy per epoch", "accuracy (%)");
            add(second, "training", h, r -> 100 * in.trainingAccuracy(r.epoch() - 1));
            add(second, "validation", h, evaluation(EpochResult::validation, e -> 100 * e.accuracy()));
            add(second, "test", h, evaluation(EpochResult::test, e -> 100 * e.accuracy()));
        } else {
            second = chart("Mean squared error per epoch", "mean squared error");
            add(second, "validation", h, evaluation(EpochResult::validation, Evaluation::meanSquaredError));
            add(second, "test", h, evaluation(EpochResult::test, Evaluation::meanSquaredError));
        }
        int lastEpoch = h.isEmpty() ? 1 : h.get(h.size() - 1).epoch();
        EpochAxis.apply(cost, lastEpoch);
        if (second.getSeriesMap().isEmpty()) {
            return List.of(cost);
        }
        EpochAxis.apply(second, lastEpoch);
        return List.of(cost, second);
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setXAxisDecimalPattern("0");
        c.getStyler().setPlotGridLinesVisible(true);
        return c;
    }

    private static ToDoubleFunction<EpochResult> evaluation(Function<EpochResult, Evaluation> set, ToDoubleFunction<Evaluation> value) {
        return r -> set.apply(r) == null ? Double.NaN : value.applyAsDouble(set.apply(r));
    }

    private static void add(XYChart chart, String name, List<EpochResult> history, ToDoubleFunction<EpochResult> value) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (EpochResult r : history) {
            double v = value.applyAsDouble(r);
            if (Double.isFinite(v)) {
                x.add((double) r.epoch());
                y.add(v);
            }
        }
        if (!x.isEmpty()) {
            XYSeries s = chart.addSeries(name, x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
    }
}
