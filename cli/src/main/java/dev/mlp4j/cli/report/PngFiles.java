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
    static {
        // ImageIO otherwise encodes through a temporary file whose first use adds a shutdown hook: a PNG written while
        // a signal shuts the JVM down then throws "Shutdown in progress", or has its stream closed under it, and leaves
        // imageio*.tmp files behind. In memory, nothing races the checkpoint and the model a signal's shutdown waits for.
        ImageIO.setUseCache(false);
    }

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
