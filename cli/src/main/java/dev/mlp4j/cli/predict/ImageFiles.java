package dev.mlp4j.cli.predict;

import dev.mlp4j.cli.report.Headless;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.file.InputFiles;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;

/** Reads a picture file (PNG, JPEG, or anything else the Java runtime can decode) as an MNIST-style input. */
public final class ImageFiles {
    /**
     * The most pixels decoded: a 24-megapixel photo of a digit still reads, while a small file whose header claims
     * 40,000 x 40,000 pixels (a decompression bomb) is refused before gigabytes are spent on it.
     */
    public static final long MAX_PIXELS = 25_000_000L;
    /** Far more than any picture of that many pixels takes compressed. */
    public static final long MAX_BYTES = 256L << 20;

    private ImageFiles() {
    }

    public static LabelledInput read(Path file, int side) {
        Headless.ensure();
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + " is a folder, not an image file; give the image files themselves (PNG or JPEG), e.g. "
                    + file.resolve("*.png") + ".");
        }
        BufferedImage image;
        // In memory, not through ImageIO's file cache, which would leave a temporary file and a shutdown hook behind.
        try (InputStream bytes = InputFiles.open(file, MAX_BYTES, "image file");
             ImageInputStream in = new MemoryCacheImageInputStream(bytes)) {
            image = decode(file, in);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such image file.");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read as an image (" + e.getMessage() + "); give a PNG or JPEG file.", e);
        }
        DigitImage.Digit digit = DigitImage.fromImage(image, side);
        return new LabelledInput(file.toString(), digit.pixels(), null, digit.blank() ? "blank image: no ink found" : null);
    }

    /** The image, once its header's size is known to be within {@link #MAX_PIXELS}. */
    private static BufferedImage decode(Path file, ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new InvalidInputException(file + ": not an image this Java runtime can read; give a PNG or JPEG file.");
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(in, true, true);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width * height > MAX_PIXELS) {
                throw new InvalidInputException(file + ": the image is " + width + "x" + height + " pixels, more than predict decodes ("
                        + MAX_PIXELS / 1_000_000 + " million pixels at most); give a smaller picture of the digit (it is scaled to "
                        + "a small square anyway).");
            }
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }
}
