package dev.mlp4j.core.data;

import dev.mlp4j.core.data.DataLocator.Dataset;

import java.nio.file.Path;

/**
 * The per-user data home, {@code ~/.mlp4j/data/<dataset>}: where {@code mlp4j download} puts a data set unless told
 * otherwise, and the last place a run looks. Per user and outside any project folder, as other tools keep theirs
 * (Keras's {@code ~/.keras/datasets}), so that every clone of the project finds one copy.
 */
public final class DataHome {
    private DataHome() {
    }

    /** The folder for {@code dataset} under Java's {@code user.home}, which tests and users can set with -Duser.home. */
    public static Path of(Dataset dataset) {
        return Path.of(System.getProperty("user.home"), ".mlp4j", "data", dataset.id()).toAbsolutePath().normalize();
    }
}
