package dev.mlp4j.cli.report;

import java.awt.Color;

/** The colours every picture shares: red for positive weights, blue for negative, white for zero. */
final class Palette {
    static final Color POSITIVE = new Color(0xB2182B);
    static final Color NEGATIVE = new Color(0x2166AC);
    static final Color ZERO = new Color(0xF7F7F7);
    static final Color TEXT = new Color(0x222222);
    static final Color WRONG = new Color(0xC0392B);

    private Palette() {
    }

    /** {@code t} in [-1, 1] from blue through white to red; values outside are clamped. */
    static int diverging(double t) {
        double c = Math.max(-1, Math.min(1, Double.isFinite(t) ? t : 0));
        Color end = c >= 0 ? POSITIVE : NEGATIVE;
        double a = Math.abs(c);
        int r = (int) Math.round(ZERO.getRed() + a * (end.getRed() - ZERO.getRed()));
        int g = (int) Math.round(ZERO.getGreen() + a * (end.getGreen() - ZERO.getGreen()));
        int b = (int) Math.round(ZERO.getBlue() + a * (end.getBlue() - ZERO.getBlue()));
        return (r << 16) | (g << 8) | b;
    }
}
