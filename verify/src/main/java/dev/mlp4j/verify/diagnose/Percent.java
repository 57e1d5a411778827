package dev.mlp4j.verify.diagnose;

import java.util.Locale;

/** How diagnose writes a share, the same in its table and in its findings, so that the two never disagree. */
public final class Percent {
    private Percent() {
    }

    /**
     * A share (0 … 1) as a percentage with one decimal: "46.2 %". A share strictly between 0 and 1 is never written
     * as 0.0 % or 100.0 %, which would say none or all: it is "&lt; 0.1 %" or "&gt; 99.9 %". NaN (a measurement that
     * does not apply) is "-".
     */
    public static String share(double fraction) {
        if (Double.isNaN(fraction)) {
            return "-";
        }
        String s = String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
        if (fraction > 0 && s.equals("0.0 %")) {
            return "< 0.1 %";
        }
        if (fraction < 1 && s.equals("100.0 %")) {
            return "> 99.9 %";
        }
        return s;
    }
}
