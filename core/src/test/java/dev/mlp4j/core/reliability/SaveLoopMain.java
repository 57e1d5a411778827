package dev.mlp4j.core.reliability;

import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;

import java.nio.file.Path;

/**
 * Run in a child JVM that the test kills with -9: saves {@link SaveKillTest#model(int)} 0, 1, 0, 1, ... to the
 * file named by the first argument, printing "saved N" after each save, until killed.
 */
public final class SaveLoopMain {
    private SaveLoopMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Model[] models = {SaveKillTest.model(0), SaveKillTest.model(1)};
        for (int i = 0; ; i++) {
            ModelFile.save(models[i % 2], file);
            System.out.println("saved " + (i + 1));
            System.out.flush();
        }
    }

}
