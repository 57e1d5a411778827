package dev.mlp4j.cli.report;

import dev.mlp4j.core.data.DataSet;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The test images the network got wrong while being most sure of its answer, dark ink on white, each captioned
 * "true label → prediction" and the output of the predicted class. These are where a network's (or the data's)
 * problems show first: mislabelled digits, ambiguous strokes, systematic confusions.
 */
final class WrongExamplesPicture {
    static final int COUNT = 24;
    private static final int COLUMNS = 8;
    private static final int CAPTION = 34;
    private static final int GAP = 8;

    private WrongExamplesPicture() {
    }

    /** Indices of the wrongly classified examples, most confident first (ties: lower index first). */
    static List<Integer> mostConfidentlyWrong(ScoredSet s, int count) {
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < s.data().size(); i++) {
            if (s.predicted(i) != s.data().label(i)) {
                wrong.add(i);
            }
        }
        wrong.sort(Comparator.comparingDouble((Integer i) -> -s.confidence(i)).thenComparingInt(i -> i));
        return wrong.subList(0, Math.min(count, wrong.size()));
    }

    /** Null when nothing is wrong: there is nothing to draw. */
    static BufferedImage draw(ScoredSet s, int side) {
        List<Integer> examples = mostConfidentlyWrong(s, COUNT);
        if (examples.isEmpty()) {
            return null;
        }
        int scale = Math.max(1, 84 / side);
        int tile = side * scale;
        int columns = Math.min(COLUMNS, examples.size());
        int rows = (examples.size() + columns - 1) / columns;
        int cellW = tile + 2 * GAP;
        int cellH = tile + CAPTION + GAP;
        BufferedImage image = new BufferedImage(columns * cellW, rows * cellH + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        DataSet data = s.data();
        float[] pixels = data.inputArray();
        int in = data.inputSize();
        for (int n = 0; n < examples.size(); n++) {
            int e = examples.get(n);
            int x0 = (n % columns) * cellW + GAP;
            int y0 = (n / columns) * cellH + GAP;
            for (int k = 0; k < in; k++) {
                int v = 255 - Math.round(255 * Math.max(0f, Math.min(1f, pixels[e * in + k])));
                g.setColor(new Color(v, v, v));
                g.fillRect(x0 + (k % side) * scale, y0 + (k / side) * scale, scale, scale);
            }
            g.setColor(new Color(0xBBBBBB));
            g.drawRect(x0 - 1, y0 - 1, tile + 1, tile + 1);
            String first = data.label(e) + " \u2192 " + s.predicted(e);
            String second = String.format(Locale.ROOT, "%.2f  #%d", s.confidence(e), e);
            g.setColor(Palette.WRONG);
            g.drawString(first, x0 + (tile - fm.stringWidth(first)) / 2, y0 + tile + fm.getAscent() + 2);
            g.setColor(Palette.TEXT);
            g.drawString(second, x0 + (tile - fm.stringWidth(second)) / 2, y0 + tile + 2 * fm.getAscent() + 4);
        }
        g.dispose();
        return image;
    }
}
