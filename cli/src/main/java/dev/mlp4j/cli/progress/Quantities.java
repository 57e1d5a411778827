package dev.mlp4j.cli.progress;

import java.util.Locale;

/** Counts, rates and durations as people read them: 50,000 examples; 12.3 MB/s; 1 h 02 min. */
final class Quantities {
    private Quantities() {
    }

    static String count(long n, String unit) {
        if (unit.equals("bytes")) {
            return String.format(Locale.ROOT, "%.1f", n / 1048576.0);
        }
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String unitName(String unit) {
        return unit.equals("bytes") ? "MB" : unit;
    }

    static String rate(double perSecond, String unit) {
        if (unit.equals("bytes")) {
            return String.format(Locale.ROOT, "%.1f MB/s", perSecond / 1048576.0);
        }
        return String.format(Locale.ROOT, "%,.0f %s/s", perSecond, unit);
    }

    /** A duration on a live display: tenths of a second below ten, so work shorter than a second still shows time. */
    static String elapsed(double seconds) {
        if (seconds < 9.95) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        return duration(seconds);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
