package dev.mlp4j.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, or "development" when run from classes. */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"mlp4j " + (v == null ? "development" : v)};
    }
}
