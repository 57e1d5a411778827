package dev.mlp4j.cli.report;

/** Drawing needs no display: reports are written on servers and in CI. Must run before the first AWT class loads. */
public final class Headless {
    private Headless() {
    }

    public static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
