package dev.mlp4j.cli.predict;

import org.junit.jupiter.api.Test;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pictures of digits of any size and polarity become MNIST-like 28x28 inputs: fitted into 20x20, centred by mass. */
class DigitImageTest {

    /** A "7" drawn with a round pen, taller than wide, off-centre in a large canvas. */
    static BufferedImage seven(int type, Color background, Color ink) {
        BufferedImage image = new BufferedImage(300, 400, type);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        if (background != null) {
            g.setColor(background);
            g.fillRect(0, 0, 300, 400);
        }
        g.setColor(ink);
        g.setStroke(new BasicStroke(24, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawPolyline(new int[] {40, 180, 90}, new int[] {60, 60, 330}, 3);
        g.dispose();
        return image;
    }

    private static float[] pixels(BufferedImage image) {
        DigitImage.Digit d = DigitImage.fromImage(image, 28);
        assertFalse(d.blank());
        assertEquals(784, d.pixels().length);
        for (float v : d.pixels()) {
            assertTrue(v >= 0 && v <= 1, "pixel " + v);
        }
        return d.pixels();
    }

    @Test
    void the_digit_fits_a_20_pixel_box_keeping_its_aspect_and_its_mass_is_at_the_centre() {
        float[] v = pixels(seven(BufferedImage.TYPE_INT_RGB, Color.WHITE, Color.BLACK));
        int minX = 28;
        int maxX = -1;
        int minY = 28;
        int maxY = -1;
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                float p = v[y * 28 + x];
                if (p > 0) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
                mass += p;
                mx += p * (x + 0.5);
                my += p * (y + 0.5);
            }
        }
        assertEquals(20, maxY - minY + 1, "the taller side becomes 20 pixels");
        // The ink spans 164 x 294 pixels of the canvas (pen width included): 20 * 164 / 294 = 11.2.
        int width = maxX - minX + 1;
        assertTrue(width >= 10 && width <= 12, "width keeps the aspect ratio: " + width);
        assertEquals(14.0, mx / mass, 0.5, "centre of mass, x");
        assertEquals(14.0, my / mass, 0.5, "centre of mass, y");
        assertTrue(v[0] == 0 && v[783] == 0, "background is black");
        assertTrue(max(v) > 0.99f, "ink is bright");
    }

    @Test
    void dark_on_light_light_on_dark_and_ink_on_transparency_give_the_same_input() {
        float[] blackOnWhite = pixels(seven(BufferedImage.TYPE_INT_RGB, Color.WHITE, Color.BLACK));
        float[] whiteOnBlack = pixels(seven(BufferedImage.TYPE_INT_RGB, Color.BLACK, Color.WHITE));
        float[] transparent = pixels(seven(BufferedImage.TYPE_INT_ARGB, null, Color.BLACK));
        assertArrayEquals(blackOnWhite, whiteOnBlack, 1e-5f);
        assertArrayEquals(blackOnWhite, transparent, 1e-2f);
        float[] grey = pixels(seven(BufferedImage.TYPE_INT_RGB, new Color(200, 200, 200), new Color(60, 60, 60)));
        assertArrayEquals(blackOnWhite, grey, 0.03f, "a photo's grey paper and ink are stretched to black and white");
    }

    @Test
    void a_small_picture_is_enlarged_and_a_blank_one_is_flagged() {
        BufferedImage small = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = small.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(3, 1, 2, 6);
        g.dispose();
        float[] v = pixels(small);
        assertTrue(v[14 * 28 + 14] > 0.5f || v[14 * 28 + 13] > 0.5f, "a bar through the centre");

        BufferedImage blank = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        DigitImage.Digit d = DigitImage.fromImage(blank, 28);
        assertTrue(d.blank());
        assertEquals(0, max(d.pixels()));
    }

    private static float max(float[] v) {
        float m = 0;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
