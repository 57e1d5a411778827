package dev.mlp4j.core.reliability;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.IdxReader;
import dev.mlp4j.core.io.ModelFile;

import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap: reads each {@code kind:path} argument (kind images, labels or model) and
 * exits 0 when every one was refused with an InvalidInputException; 3 on OutOfMemoryError, 4 on any other
 * throwable, 5 when a file was accepted.
 */
public final class RefuseMain {
    private RefuseMain() {
    }

    public static void main(String[] args) {
        for (String arg : args) {
            int colon = arg.indexOf(':');
            String kind = arg.substring(0, colon);
            Path file = Path.of(arg.substring(colon + 1));
            try {
                switch (kind) {
                    case "images" -> IdxReader.readImages(file);
                    case "labels" -> IdxReader.readLabels(file, 10);
                    case "model" -> ModelFile.load(file);
                    default -> throw new IllegalArgumentException(kind);
                }
                System.out.println("accepted " + file);
                System.exit(5);
            } catch (InvalidInputException e) {
                System.out.println("refused " + file + ": " + e.getMessage());
            } catch (OutOfMemoryError e) {
                System.out.println("OutOfMemoryError on " + file + ": " + e.getMessage());
                System.exit(3);
            } catch (Throwable t) {
                System.out.println(t + " on " + file);
                t.printStackTrace(System.out);
                System.exit(4);
            }
        }
        System.exit(0);
    }
}
