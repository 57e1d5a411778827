package dev.mlp4j.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * The confusion matrix as a table picture: true label down, predicted class across, the count in every cell.
 * Correct cells are blue by the share of their label they got; mistakes red by the square root of their share,
 * so that 1 % of a label going astray (ten images of a thousand) still shows beside a diagonal of 98 %.
 */
final class ConfusionPicture {
    private static final Color CORRECT = new Color(0x2166AC);
    private static final Color MISTAKE = new Color(0xD6604D);

    private ConfusionPicture() {
    }

    static BufferedImage draw(int[][] confusion) {
        int n = confusion.length;
        int cell = n <= 12 ? 52 : Math.max(22, 620 / n);
        int left = 90;
        int top = 80;
        int width = left + n * cell + 30;
        int height = top + n * cell + 30;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);

        Font bold = new Font(Font.SANS_SERIF, Font.BOLD, 14);
        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, cell >= 40 ? 13 : 9);
        g.setFont(bold);
        g.setColor(Palette.TEXT);
        centred(g, "predicted", left + n * cell / 2.0, 24);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        centred(g, "true label", -(top + n * cell / 2.0), 24);
        g.setTransform(saved);

        g.setFont(plain);
        for (int i = 0; i < n; i++) {
            centred(g, Integer.toString(i), left + (i + 0.5) * cell, top - 12);
            FontMetrics fm = g.getFontMetrics();
            String label = Integer.toString(i);
            g.drawString(label, left - 12 - fm.stringWidth(label), (float) (top + (i + 0.5) * cell + fm.getAscent() / 2.0 - 2));
        }
        for (int label = 0; label < n; label++) {
            long total = 0;
            for (int p = 0; p < n; p++) {
                total += confusion[label][p];
            }
            for (int p = 0; p < n; p++) {
                int count = confusion[label][p];
                double share = total == 0 ? 0 : (double) count / total;
                double strength = label == p ? share : Math.sqrt(share);
                Color base = label == p ? CORRECT : MISTAKE;
                Color fill = blend(Color.WHITE, base, count == 0 ? 0 : Math.max(0.08, strength));
                int x = left + p * cell;
                int y = top + label * cell;
                g.setColor(fill);
                g.fillRect(x, y, cell, cell);
                g.setColor(strength > 0.55 ? Color.WHITE : Palette.TEXT);
                centred(g, Integer.toString(count), x + cell / 2.0, y + cell / 2.0 + g.getFontMetrics().getAscent() / 2.0 - 2);
            }
        }
        g.setColor(new Color(0xBBBBBB));
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i <= n; i++) {
            g.drawLine(left, top + i * cell, left + n * cell, top + i * cell);
            g.drawLine(left + i * cell, top, left + i * cell, top + n * cell);
        }
        g.dispose();
        return image;
    }

    private static void centred(Graphics2D g, String text, double x, double baseline) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (x - fm.stringWidth(text) / 2.0), (float) baseline);
    }

    private static Color blend(Color from, Color to, double t) {
        return new Color((int) Math.round(from.getRed() + t * (to.getRed() - from.getRed())),
                (int) Math.round(from.getGreen() + t * (to.getGreen() - from.getGreen())),
                (int) Math.round(from.getBlue() + t * (to.getBlue() - from.getBlue())));
    }
}
