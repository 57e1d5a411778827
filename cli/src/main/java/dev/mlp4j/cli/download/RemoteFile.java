package dev.mlp4j.cli.download;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A file to fetch and the checksums that prove a copy right. More than one is accepted where the same data is
 * published in more than one byte-exact form (the same images compressed twice).
 */
public record RemoteFile(String name, List<Digest> accepted) {
    public RemoteFile {
        accepted = List.copyOf(accepted);
    }

    /** The accepted checksum {@code file} has, or null when it has none of them. */
    public Digest check(Path file) throws IOException {
        for (Digest d : accepted) {
            if (d.matches(file)) {
                return d;
            }
        }
        return null;
    }
}
