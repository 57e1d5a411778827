package dev.mlp4j.cli.predict;

import dev.mlp4j.cli.report.Headless;
import dev.mlp4j.core.InvalidInputException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a picture file (PNG, JPEG, or anything else the Java runtime can decode) as an MNIST-style input. */
public final class ImageFiles {
    private ImageFiles() {
    }

    public static LabelledInput read(Path file, int side) {
        Headless.ensure();
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + " is a folder, not an image file; give the image files themselves (PNG or JPEG), e.g. "
                    + file.resolve("*.png") + ".");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such image file.");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read as an image (" + e.getMessage() + "); give a PNG or JPEG file.", e);
        }
        if (image == null) {
            throw new InvalidInputException(file + ": not an image this Java runtime can read; give a PNG or JPEG file.");
        }
        DigitImage.Digit digit = DigitImage.fromImage(image, side);
        return new LabelledInput(file.toString(), digit.pixels(), null, digit.blank() ? "blank image: no ink found" : null);
    }
}
