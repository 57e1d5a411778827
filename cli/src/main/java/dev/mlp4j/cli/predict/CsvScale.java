package dev.mlp4j.cli.predict;

import java.util.Locale;

/**
 * How predict turns CSV values into the network's inputs (--csv-scale). Pixels come as 0..255 or as 0..1, and
 * nothing in a file says which, so "auto" decides once for the whole file; a model whose inputs are not pixels
 * wants its values as they are, which only "1" gives.
 */
public enum CsvScale {
    /** 0..255 when any value of the file exceeds 1, else 0..1, decided for the whole file. */
    AUTO("auto"),
    /** Pixels in 0..255: every value divided by 255. */
    BYTES("255"),
    /** Values used as they are (pixels already in 0..1, or inputs that are not pixels). */
    AS_IS("1");

    private final String id;

    CsvScale(String id) {
        this.id = id;
    }

    /** What --csv-scale takes. */
    public String id() {
        return id;
    }

    /** The scale named {@code text}, or null when there is none of that name. */
    public static CsvScale fromId(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (CsvScale s : values()) {
            if (s.id.equals(t)) {
                return s;
            }
        }
        return null;
    }
}
