package dev.mlp4j.cli.report;

import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;

/**
 * A small network as a diagram: neurons as circles in columns, every weight as a line whose width and opacity
 * grow with its magnitude, red when positive and blue when negative. A neuron's fill shows its bias the same way.
 * Only for small networks: beyond a few dozen neurons per layer the lines become a solid smear.
 */
final class NetworkPicture {
    /** Wider layers are not drawn. */
    static final int MAX_LAYER = 64;
    private static final int WIDTH = 960;
    private static final int HEIGHT = 640;
    private static final int MARGIN_TOP = 30;
    private static final int MARGIN_BOTTOM = 60;

    private NetworkPicture() {
    }

    static boolean fits(NetworkSpec spec) {
        return spec.layers().stream().allMatch(n -> n <= MAX_LAYER);
    }

    static BufferedImage draw(Parameters p) {
        NetworkSpec spec = p.spec();
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);

        int widest = spec.layers().stream().mapToInt(Integer::intValue).max().orElse(1);
        double radius = Math.max(3, Math.min(18, (HEIGHT - MARGIN_TOP - MARGIN_BOTTOM) / (2.6 * widest)));
        double maxWeight = 1e-12;
        double maxBias = 1e-12;
        for (int l = 0; l < spec.depth(); l++) {
            for (double w : p.weights(l)) {
                maxWeight = Math.max(maxWeight, Math.abs(w));
            }
            for (double b : p.biases(l)) {
                maxBias = Math.max(maxBias, Math.abs(b));
            }
        }
        for (int l = 0; l < spec.depth(); l++) {
            for (int j = 0; j < spec.size(l + 1); j++) {
                for (int k = 0; k < spec.size(l); k++) {
                    double w = p.weight(l, j, k);
                    double t = Math.abs(w) / maxWeight;
                    Color c = w >= 0 ? Palette.POSITIVE : Palette.NEGATIVE;
                    g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(40 + 215 * t)));
                    g.setStroke(new BasicStroke((float) (0.5 + 5.5 * t), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(new Line2D.Double(x(l, spec), y(k, spec.size(l)), x(l + 1, spec), y(j, spec.size(l + 1))));
                }
            }
        }
        g.setStroke(new BasicStroke(1.5f));
        for (int l = 0; l < spec.layerCount(); l++) {
            for (int j = 0; j < spec.size(l); j++) {
                Ellipse2D circle = new Ellipse2D.Double(x(l, spec) - radius, y(j, spec.size(l)) - radius, 2 * radius, 2 * radius);
                g.setColor(l == 0 ? new Color(0xDDDDDD) : new Color(Palette.diverging(p.biases(l - 1)[j] / maxBias)));
                g.fill(circle);
                g.setColor(Palette.TEXT);
                g.draw(circle);
            }
            label(g, spec, l);
        }
        g.dispose();
        return image;
    }

    private static void label(Graphics2D g, NetworkSpec spec, int l) {
        String text = l == 0 ? "input " + spec.size(0)
                : (l == spec.depth() ? "output " : "hidden ") + spec.size(l) + " " + spec.activation(l - 1).id();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Palette.TEXT);
        g.drawString(text, (float) (x(l, spec) - fm.stringWidth(text) / 2.0), HEIGHT - MARGIN_BOTTOM / 2f);
    }

    private static double x(int layer, NetworkSpec spec) {
        double step = (WIDTH - 160.0) / Math.max(1, spec.layerCount() - 1);
        return 80 + layer * step;
    }

    private static double y(int neuron, int count) {
        double span = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;
        return MARGIN_TOP + span * (neuron + 0.5) / count;
    }
}
