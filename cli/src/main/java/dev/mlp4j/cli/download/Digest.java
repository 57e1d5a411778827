package dev.mlp4j.cli.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A published checksum of a file: algorithm and hex value.
 *
 * @param algorithm a {@link MessageDigest} name: "SHA-256" or "MD5"
 */
public record Digest(String algorithm, String hex) {
    public Digest {
        hex = hex.toLowerCase(Locale.ROOT);
    }

    public static Digest sha256(String hex) {
        return new Digest("SHA-256", hex);
    }

    public static Digest md5(String hex) {
        return new Digest("MD5", hex);
    }

    public boolean matches(Path file) throws IOException {
        return hex.equals(of(file, algorithm));
    }

    /** The file's digest in hex. */
    public static String of(Path file, String algorithm) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks " + algorithm, e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public String toString() {
        return algorithm.toLowerCase(Locale.ROOT).replace("-", "") + " " + hex;
    }
}
