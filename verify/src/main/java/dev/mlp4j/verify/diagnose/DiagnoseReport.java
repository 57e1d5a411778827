package dev.mlp4j.verify.diagnose;

import dev.mlp4j.core.nn.NetworkSpec;

import java.util.List;

/**
 * What diagnose measured and found.
 *
 * @param examples    examples run forward and backward (batches × batch size)
 * @param inputMax    the largest input value seen
 * @param inputMean   the mean input value
 * @param learningRate the η the update ratios are for
 */
public record DiagnoseReport(NetworkSpec spec, int batches, int examples, double inputMin, double inputMax, double inputMean,
                             double learningRate, List<LayerStatistics> layers, List<Finding> findings) {
    public DiagnoseReport {
        layers = List.copyOf(layers);
        findings = List.copyOf(findings);
    }

    /** True when nothing was found. */
    public boolean clean() {
        return findings.isEmpty();
    }
}
