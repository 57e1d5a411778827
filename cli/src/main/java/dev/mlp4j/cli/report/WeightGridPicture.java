package dev.mlp4j.cli.report;

import dev.mlp4j.core.nn.Parameters;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * The first layer's weights drawn as pictures: for each neuron of the first hidden layer, its weights from the
 * input pixels laid out as the input image, red where a bright pixel excites the neuron and blue where it inhibits
 * it. Each tile is scaled to its own largest weight, since what a neuron looks for is the pattern, not the scale.
 */
final class WeightGridPicture {
    /** Beyond this many neurons the tiles get too small to read; the first ones are drawn. */
    static final int MAX_TILES = 400;
    private static final int GAP = 4;

    private WeightGridPicture() {
    }

    static BufferedImage draw(Parameters p, int side) {
        int neurons = Math.min(MAX_TILES, p.spec().size(1));
        int columns = (int) Math.ceil(Math.sqrt(neurons));
        int rows = (neurons + columns - 1) / columns;
        int scale = Math.max(1, Math.min(4, 900 / (columns * side)));
        int tile = side * scale;
        BufferedImage image = new BufferedImage(columns * (tile + GAP) + GAP, rows * (tile + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
        double[] w = p.weights(0);
        int in = p.spec().size(0);
        for (int j = 0; j < neurons; j++) {
            double max = 1e-12;
            for (int k = 0; k < in; k++) {
                max = Math.max(max, Math.abs(w[j * in + k]));
            }
            int x0 = GAP + (j % columns) * (tile + GAP);
            int y0 = GAP + (j / columns) * (tile + GAP);
            for (int k = 0; k < in; k++) {
                int rgb = Palette.diverging(w[j * in + k] / max);
                int px = x0 + (k % side) * scale;
                int py = y0 + (k / side) * scale;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(px + dx, py + dy, rgb);
                    }
                }
            }
        }
        return image;
    }
}
