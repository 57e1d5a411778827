package dev.mlp4j.cli.report;

import dev.mlp4j.core.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes pictures atomically, so a browser reloading the report mid-write never sees half a PNG. */
final class PngFiles {
    private PngFiles() {
    }

    static void write(Path file, BufferedImage image) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }

    /** Charts side by side in one picture. */
    static void write(Path file, List<? extends Chart<?, ?>> charts) throws IOException {
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(charts, 1, charts.size(), out, BitmapEncoder.BitmapFormat.PNG));
    }
}
