package dev.mlp4j.cli.predict;

import java.awt.image.BufferedImage;

/**
 * Turns any picture of a digit into what an MNIST network was trained on: a side × side grayscale image (28 × 28)
 * with the digit bright on black, scaled to fit a box of 20/28 of the side preserving its aspect ratio, and
 * placed so that its centre of mass is at the centre, as LeCun et al. prepared MNIST.
 */
public final class DigitImage {
    /** Pixels fainter than this (after inversion and contrast stretch) do not count as ink for the bounding box. */
    static final float INK = 0.1f;

    /** @param pixels side × side values in [0, 1], row-major; {@code blank} when no ink was found (all zero) */
    public record Digit(float[] pixels, boolean blank) {
    }

    private DigitImage() {
    }

    public static Digit fromImage(BufferedImage image, int side) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] ink = ink(image);
        int[] box = boundingBox(ink, w, h);
        if (box == null) {
            return new Digit(new float[side * side], true);
        }
        int bw = box[2] - box[0] + 1;
        int bh = box[3] - box[1] + 1;
        float[] cropped = new float[bw * bh];
        for (int y = 0; y < bh; y++) {
            System.arraycopy(ink, (box[1] + y) * w + box[0], cropped, y * bw, bw);
        }
        int fit = Math.max(1, Math.round(side * 20f / 28f));
        double scale = (double) fit / Math.max(bw, bh);
        int tw = Math.max(1, (int) Math.round(bw * scale));
        int th = Math.max(1, (int) Math.round(bh * scale));
        float[] small = Resample.resize(cropped, bw, bh, tw, th);
        return new Digit(centreByMass(small, tw, th, side), false);
    }

    /**
     * Ink in [0, 1] per pixel, bright on dark. A picture with a transparent background is read by its alpha (ink
     * is whatever was painted); an opaque one by luminance, inverted when the background (its border) is light,
     * then stretched so the background is 0 and the strongest ink 1, as a photo of paper is never pure white.
     */
    static float[] ink(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] alpha = new float[w * h];
        float[] luminance = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                float a = image.getColorModel().hasAlpha() ? ((argb >>> 24) & 0xFF) / 255f : 1f;
                float l = (0.299f * ((argb >> 16) & 0xFF) + 0.587f * ((argb >> 8) & 0xFF) + 0.114f * (argb & 0xFF)) / 255f;
                alpha[y * w + x] = a;
                // Composited over white, as a viewer shows it.
                luminance[y * w + x] = a * l + (1 - a);
            }
        }
        if (borderMean(alpha, w, h) < 0.5f) {
            return alpha;
        }
        float[] v = luminance;
        if (borderMean(v, w, h) > 0.5f) {
            for (int i = 0; i < v.length; i++) {
                v[i] = 1 - v[i];
            }
        }
        float background = borderMean(v, w, h);
        float max = 0;
        for (float x : v) {
            max = Math.max(max, x);
        }
        if (max - background < 0.05f) {
            return new float[v.length];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, Math.min(1, (v[i] - background) / (max - background)));
        }
        return v;
    }

    /** The mean of the outermost ring of pixels: what the background looks like. */
    static float borderMean(float[] v, int w, int h) {
        double sum = 0;
        int n = 0;
        for (int x = 0; x < w; x++) {
            sum += v[x] + v[(h - 1) * w + x];
            n += 2;
        }
        for (int y = 1; y < h - 1; y++) {
            sum += v[y * w] + v[y * w + w - 1];
            n += 2;
        }
        return (float) (sum / n);
    }

    /** {minX, minY, maxX, maxY} of the ink, or null when there is none. */
    private static int[] boundingBox(float[] v, int w, int h) {
        int minX = w;
        int minY = h;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (v[y * w + x] > INK) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : new int[] {minX, minY, maxX, maxY};
    }

    /** Places the w × h picture in a side × side field with its centre of mass as near the centre as whole pixels allow. */
    static float[] centreByMass(float[] v, int w, int h, int side) {
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double m = v[y * w + x];
                mass += m;
                mx += m * (x + 0.5);
                my += m * (y + 0.5);
            }
        }
        double cx = mass > 0 ? mx / mass : w / 2.0;
        double cy = mass > 0 ? my / mass : h / 2.0;
        int ox = (int) Math.round(side / 2.0 - cx);
        int oy = (int) Math.round(side / 2.0 - cy);
        float[] out = new float[side * side];
        for (int y = 0; y < h; y++) {
            int ty = y + oy;
            if (ty < 0 || ty >= side) {
                continue;
            }
            for (int x = 0; x < w; x++) {
                int tx = x + ox;
                if (tx >= 0 && tx < side) {
                    out[ty * side + tx] = v[y * w + x];
                }
            }
        }
        return out;
    }
}
