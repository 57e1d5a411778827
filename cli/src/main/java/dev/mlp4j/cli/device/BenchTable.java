package dev.mlp4j.cli.device;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bench's table on stdout, printed row by row as the cases finish: every column as wide as its widest entry can be
 * (the case column from the labels known before the first row), the device, whose name has any length, last, and
 * what a column means said once below the table rather than in every row.
 */
final class BenchTable {
    private static final String SGEMM_HEADER = "SGEMM-only";

    private final PrintWriter out;
    private final int caseWidth;
    private final int repeat;
    private final boolean sgemmColumn;
    private final int mnistEpoch;
    private boolean anyCut;
    private boolean anySgemm;

    /**
     * @param labels      the labels of the cases to come
     * @param repeat      the epochs timed per case; above 1 a column gives the fastest and slowest
     * @param sgemmColumn whether a backend with a CLBlast SGEMM yardstick (opencl) is among those timed
     * @param mnistEpoch  the examples s/epoch is for
     */
    BenchTable(PrintWriter out, List<String> labels, int repeat, boolean sgemmColumn, int mnistEpoch) {
        this.out = out;
        this.caseWidth = Math.max("case".length(), labels.stream().mapToInt(String::length).max().orElse(0));
        this.repeat = repeat;
        this.sgemmColumn = sgemmColumn;
        this.mnistEpoch = mnistEpoch;
    }

    void header() {
        out.println(String.format(Locale.ROOT, "%-" + caseWidth + "s  %-8s %12s %8s %9s", "case", "backend", "examples/s",
                "GFLOP/s", "s/epoch") + (repeat > 1 ? String.format(Locale.ROOT, "  %-17s", "fastest-slowest") : "")
                + (sgemmColumn ? String.format(Locale.ROOT, " %11s", SGEMM_HEADER) : "") + "  device");
    }

    /** A row of {@code BenchCommand}'s JSON results. */
    void row(Map<String, Object> row) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + caseWidth + "s  %-8s %,12.0f %8.2f %9.3f",
                row.get("case"), row.get("backend"), number(row, "examplesPerSecond"), number(row, "gflops"),
                number(row, "secondsPerEpoch")));
        if (repeat > 1) {
            line.append(String.format(Locale.ROOT, "  %-17s", String.format(Locale.ROOT, "%.3f-%.3f",
                    number(row, "secondsPerEpochMin"), number(row, "secondsPerEpochMax"))));
        }
        if (sgemmColumn) {
            boolean has = row.containsKey("sgemmAloneExamplesPerSecond");
            anySgemm |= has;
            line.append(has ? String.format(Locale.ROOT, " %,11.0f", number(row, "sgemmAloneExamplesPerSecond"))
                    : String.format(Locale.ROOT, " %11s", "-"));
        }
        line.append("  ").append(row.get("device"));
        int examples = ((Number) row.get("examples")).intValue();
        if (examples < mnistEpoch) {
            anyCut = true;
            line.append(String.format(Locale.ROOT, "  (timed %,d examples)", examples));
        }
        out.println(line);
    }

    /** A backend that did not run: the rest of the line says why. */
    void notRun(String label, String backend, String why) {
        out.println(String.format(Locale.ROOT, "%-" + caseWidth + "s  %-8s %s", label, backend, why));
    }

    /** What the columns mean, once, after the last row. */
    void footnotes() {
        out.println(String.format(Locale.ROOT, "%ss/epoch: the time for %,d examples (an MNIST epoch) at that rate%s.",
                repeat > 1 ? "examples/s: the median of " + repeat + " epochs; " : "", mnistEpoch,
                anyCut ? ", also where fewer were timed" : ""));
        if (anySgemm) {
            out.println(SGEMM_HEADER + ": examples/s of CLBlast's SGEMM alone on the same matrix products (dense, no other kernel,");
            out.println("  no data movement): opencl's yardstick on a GPU; on a CPU opencl runs its own kernels, which skip zero inputs.");
        }
    }

    private static double number(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }
}
