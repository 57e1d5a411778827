package dev.mlp4j.cli.download;

import java.net.URI;

/**
 * What happened to one file.
 *
 * @param bytes  the file's size
 * @param digest the checksum it matched
 * @param from   the URL it came from, or null when it was already there
 */
public record FetchResult(String name, Status status, long bytes, Digest digest, URI from) {
    public enum Status { PRESENT, DOWNLOADED, RESUMED }
}
