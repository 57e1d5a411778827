package dev.mlp4j.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Access to the shared test fixtures under {@code dev/mlp4j/testdata/} on the classpath.
 *
 * <p>Inside this module the fixtures are plain files; every other module sees them inside
 * the mlp4j-testdata jar. Code under test mostly wants a {@link Path} (the loaders open
 * files by name, and some decide on gzip by the {@code .gz} suffix), so resources that are
 * not plain files are copied out to temporary files that keep their original names.
 *
 * <p>Treat every returned path as read-only: it may be the fixture itself.
 */
public final class Fixtures {

    private static final String ROOT = "/dev/mlp4j/testdata/";

    /** The four file names an MNIST directory holds, as in {@code idx/mini-mnist}. */
    public static final List<String> MNIST_FILE_NAMES = List.of(
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz");

    private Fixtures() {
    }

    /** Opens a fixture, e.g. {@code open("idx/tiny-labels-idx1-ubyte")}. The caller closes it. */
    public static InputStream open(String relative) {
        InputStream in = Fixtures.class.getResourceAsStream(ROOT + relative);
        if (in == null) {
            throw missing(relative);
        }
        return in;
    }

    /** The whole content of a fixture. */
    public static byte[] bytes(String relative) {
        try (InputStream in = open(relative)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test fixture " + ROOT + relative, e);
        }
    }

    /**
     * A file holding the fixture: the fixture itself when it is a plain file, otherwise a
     * copy with the same file name in a fresh temporary directory, deleted on exit.
     * For a fixture directory use {@link #directory} instead.
     */
    public static Path path(String relative) {
        URL url = Fixtures.class.getResource(ROOT + relative);
        if (url == null) {
            throw missing(relative);
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                // Fall through to copying: a URL the JDK cannot turn into a path is still readable.
            }
        }
        Path dir = temporaryDirectory();
        return copyInto(dir, relative);
    }

    /** A fresh copy of {@code idx/mini-mnist}: 120 training and 30 test images in MNIST's layout. */
    public static Path miniMnist() {
        return directory("idx/mini-mnist", MNIST_FILE_NAMES.toArray(String[]::new));
    }

    /**
     * A fresh temporary directory holding exactly the named files of a fixture directory, e.g.
     * {@code directory("idx/mini-mnist", "t10k-labels-idx1-ubyte.gz")}. Always a copy, because
     * a jar cannot list its directories and because tests may add files to it or delete some.
     */
    public static Path directory(String relativeDir, String... fileNames) {
        Path dir = temporaryDirectory();
        String prefix = relativeDir.endsWith("/") ? relativeDir : relativeDir + "/";
        for (String name : fileNames) {
            copyInto(dir, prefix + name);
        }
        return dir;
    }

    private static Path copyInto(Path dir, String relative) {
        Path target = dir.resolve(relative.substring(relative.lastIndexOf('/') + 1));
        try (InputStream in = open(relative)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy test fixture " + ROOT + relative, e);
        }
        // Registered after its directory, so it is deleted first: deleteOnExit runs in reverse order.
        target.toFile().deleteOnExit();
        return target;
    }

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("mlp4j-testdata-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for test fixtures", e);
        }
    }

    private static IllegalArgumentException missing(String relative) {
        return new IllegalArgumentException("no test fixture " + ROOT + relative + " on the classpath");
    }
}
