package dev.mlp4j.core.reliability;

import dev.mlp4j.core.data.DataLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Full MNIST on the reference backend fits in 1 GiB of heap: loading the 70,000 images, training one epoch of
 * 784-100-10 and scoring validation and test sets, in a child JVM started with -Xmx1g. Skipped when no MNIST is
 * found (see README "Getting MNIST").
 */
class MnistMemoryTest {

    @Test
    void one_epoch_of_784_100_10_on_full_mnist_runs_in_a_1_gib_heap(@TempDir Path tmp) {
        Path mnist = DataLocator.find(null, DataLocator.Dataset.MNIST);
        assumeTrue(mnist != null, "MNIST not found (looked in -Dmlp4j.data, MLP4J_DATA, ../shared/mnist and ~/.mlp4j/data/mnist); skipping the 1 GiB heap test");
        ChildJvm.Result r = ChildJvm.run(tmp, 300, List.of("-Xmx1g"), MnistEpochMain.class, mnist.toString());
        assertEquals(0, r.exitCode(), r.output());
        Matcher m = Pattern.compile("trained 1 epoch\\(s\\), test accuracy ([0-9.]+), peak heap (\\d+) MB").matcher(r.output());
        assertTrue(m.find(), r.output());
        assertTrue(Double.parseDouble(m.group(1)) > 0.9, r.output());
        assertTrue(Integer.parseInt(m.group(2)) < 1024, r.output());
    }
}
