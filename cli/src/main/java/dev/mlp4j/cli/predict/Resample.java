package dev.mlp4j.cli.predict;

/**
 * Resizes a grayscale picture held as floats. Shrinking averages the source area under each target pixel (what
 * MNIST's anti-aliased downscaling amounts to: thin strokes become grey, not gone); enlarging interpolates
 * bilinearly. Done by hand rather than with AWT so that the result does not depend on the Java runtime's
 * rendering choices.
 */
final class Resample {
    private Resample() {
    }

    static float[] resize(float[] src, int w, int h, int tw, int th) {
        return tw <= w && th <= h ? areaAverage(src, w, h, tw, th) : bilinear(src, w, h, tw, th);
    }

    private static float[] areaAverage(float[] src, int w, int h, int tw, int th) {
        float[] dst = new float[tw * th];
        double sx = (double) w / tw;
        double sy = (double) h / th;
        for (int ty = 0; ty < th; ty++) {
            double y0 = ty * sy;
            double y1 = y0 + sy;
            for (int tx = 0; tx < tw; tx++) {
                double x0 = tx * sx;
                double x1 = x0 + sx;
                double sum = 0;
                for (int y = (int) y0; y < Math.min(h, Math.ceil(y1)); y++) {
                    double cy = Math.min(y1, y + 1) - Math.max(y0, y);
                    for (int x = (int) x0; x < Math.min(w, Math.ceil(x1)); x++) {
                        double cx = Math.min(x1, x + 1) - Math.max(x0, x);
                        sum += cx * cy * src[y * w + x];
                    }
                }
                dst[ty * tw + tx] = (float) (sum / (sx * sy));
            }
        }
        return dst;
    }

    private static float[] bilinear(float[] src, int w, int h, int tw, int th) {
        float[] dst = new float[tw * th];
        for (int ty = 0; ty < th; ty++) {
            double fy = Math.max(0, Math.min(h - 1, (ty + 0.5) * h / th - 0.5));
            int y = (int) fy;
            int y2 = Math.min(h - 1, y + 1);
            double ay = fy - y;
            for (int tx = 0; tx < tw; tx++) {
                double fx = Math.max(0, Math.min(w - 1, (tx + 0.5) * w / tw - 0.5));
                int x = (int) fx;
                int x2 = Math.min(w - 1, x + 1);
                double ax = fx - x;
                double top = src[y * w + x] * (1 - ax) + src[y * w + x2] * ax;
                double bottom = src[y2 * w + x] * (1 - ax) + src[y2 * w + x2] * ax;
                dst[ty * tw + tx] = (float) (top * (1 - ay) + bottom * ay);
            }
        }
        return dst;
    }
}
