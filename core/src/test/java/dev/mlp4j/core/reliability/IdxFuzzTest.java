package dev.mlp4j.core.reliability;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.IdxReader;
import dev.mlp4j.testdata.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Generated IDX files, raw and gzip, against the IDX reader: every file is either read exactly as the format
 * defines it ({@link IdxOracle}, written independently) or refused with an {@link InvalidInputException} that
 * names the file, the position and the fix; never another exception, a hang, or wrong data. Headers that claim
 * far more than the file holds must not make the reader allocate for the claim.
 */
class IdxFuzzTest {
    /** Cases per run; -Dmlp4j.fuzz.scale=10 runs ten times as many. */
    static final int SCALE = Integer.getInteger("mlp4j.fuzz.scale", 1);
    static final long SEED = Long.getLong("mlp4j.fuzz.seed", 20240601L);
    static final int HEADER_CASES = 1500 * SCALE;
    static final int MUTATION_CASES = 2500 * SCALE;

    private static final AtomicInteger cases = new AtomicInteger();
    private static final AtomicInteger accepted = new AtomicInteger();
    private static final AtomicInteger refused = new AtomicInteger();

    @TempDir
    Path dir;

    @AfterAll
    static void summary() {
        System.out.println("[reliability] IDX fuzz: " + cases + " generated files, " + accepted + " read exactly, "
                + refused + " refused with a good message");
    }

    /** One generated file and how it is read. */
    record IdxCase(String description, byte[] bytes, boolean images) {
        @Override
        public String toString() {
            return description + " read as " + (images ? "images" : "labels") + ": " + Refusals.hex(bytes, 48);
        }
    }

    // ---- Generated headers ----

    private static final List<Integer> MAGICS = List.of(IdxOracle.IMAGES_MAGIC, IdxOracle.LABELS_MAGIC, 0x00000802, 0x00000804,
            0x00000800, 0x00000903, 0x00000D03, 0x01080000, 0x03080000, 0x08030000, 0, -1, 0x1F8B0803);
    private static final List<Integer> DIMS = List.of(0, 1, 2, 3, 10, 28, 255, 256, 46341, 65536, 2_000_000_000,
            Integer.MAX_VALUE, Integer.MAX_VALUE - 16, Integer.MIN_VALUE, 0x80000001, -1, 1 << 24);

    enum Length { EXACT, ONE_SHORT, ONE_LONG, EMPTY, HALF, RANDOM }

    enum Container { RAW, GZIP, GZIP_TRUNCATED, GZIP_TRAILING_GARBAGE, GZIP_FLIPPED_BYTE, GZIP_TWO_MEMBERS }

    static Gen<IdxCase> headerCases() {
        Gen<Integer> magic = Generate.pick(MAGICS).mix(integers().all(), 15);
        Gen<Integer> dim = Generate.pick(DIMS).mix(integers().between(0, 40), 40).mix(integers().all(), 10);
        Gen<int[]> dims = Generate.intArrays(integers().between(0, 4), dim);
        Gen<Length> length = Generate.enumValues(Length.class);
        Gen<Container> container = Generate.enumValues(Container.class);
        return magic.zip(dims, length, container, longs().all(), IdxFuzzTest::headerCase);
    }

    private static IdxCase headerCase(int magic, int[] dims, Length length, Container container, long seed) {
        Random r = new Random(seed);
        boolean images = r.nextBoolean();
        // Half the time the magic fits the dimensions written, so the reader gets past it.
        if (r.nextBoolean()) {
            magic = (images ? IdxOracle.IMAGES_MAGIC : IdxOracle.LABELS_MAGIC) & ~0xFF | dims.length;
        }
        long product = 1;
        for (int d : dims) {
            product = Math.min(product, 1L << 31) * Math.max(d, 0);
        }
        long exact = product <= 1 << 16 ? product : r.nextInt(1024);
        int n = (int) switch (length) {
            case EXACT -> exact;
            case ONE_SHORT -> Math.max(0, exact - 1);
            case ONE_LONG -> exact + 1;
            case EMPTY -> 0;
            case HALF -> exact / 2;
            case RANDOM -> r.nextInt(2048);
        };
        byte[] data = new byte[n];
        int pattern = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (pattern == 0 ? r.nextInt(256) : r.nextInt(10));
        }
        if (pattern == 2 && n > 0) {
            data[r.nextInt(n)] = (byte) (10 + r.nextInt(246));
        }
        byte[] raw = IdxOracle.idx(magic, dims, data);
        String what = String.format("magic 0x%08x dims %s %s data %d bytes, %s", magic, Arrays.toString(dims), length, n, container);
        return new IdxCase(what, wrap(raw, container, r), images);
    }

    private static byte[] wrap(byte[] raw, Container container, Random r) {
        switch (container) {
            case RAW:
                return raw;
            case GZIP:
                return IdxOracle.gzip(raw);
            case GZIP_TRUNCATED: {
                byte[] gz = IdxOracle.gzip(raw);
                return Arrays.copyOf(gz, r.nextInt(gz.length));
            }
            case GZIP_TRAILING_GARBAGE: {
                byte[] gz = IdxOracle.gzip(raw);
                byte[] garbage = new byte[1 + r.nextInt(32)];
                r.nextBytes(garbage);
                return concat(gz, garbage);
            }
            case GZIP_FLIPPED_BYTE: {
                byte[] gz = IdxOracle.gzip(raw);
                int at = 10 + r.nextInt(gz.length - 10);
                gz[at] ^= (byte) (1 + r.nextInt(255));
                return gz;
            }
            case GZIP_TWO_MEMBERS: {
                // Two concatenated gzip members are one valid gzip stream.
                int cut = r.nextInt(raw.length + 1);
                return concat(IdxOracle.gzip(Arrays.copyOf(raw, cut)), IdxOracle.gzip(Arrays.copyOfRange(raw, cut, raw.length)));
            }
            default:
                throw new IllegalStateException();
        }
    }

    @Test
    void generated_headers_raw_and_gzip_are_read_exactly_or_refused_cleanly() {
        Path file = dir.resolve("generated-idx-ubyte");
        qt().withFixedSeed(SEED).withExamples(HEADER_CASES).withShrinkCycles(50)
                .forAll(headerCases())
                .checkAssert(c -> check(file, c));
    }

    // ---- Mutations of valid files ----

    private static final List<String> BASES = List.of("idx/tiny-images-idx3-ubyte", "idx/tiny-images-idx3-ubyte.gz",
            "idx/tiny-labels-idx1-ubyte", "idx/tiny-labels-idx1-ubyte.gz", "idx/mini-mnist/t10k-labels-idx1-ubyte.gz",
            "idx/mini-mnist/t10k-images-idx3-ubyte.gz", "idx/corrupt/zero-images", "idx/corrupt/count-mismatch-labels");

    enum Mutation { FLIP_HEADER_BIT, FLIP_ANY_BIT, DATA_BYTE, SPECIAL_BYTE, SPECIAL_HEADER_INT, TRUNCATE, APPEND, INSERT, DELETE_RANGE, DUPLICATE_RANGE }

    private static final int[] SPECIAL_INTS = {0, 1, -1, 28, 65536, 2_000_000_000, Integer.MAX_VALUE, Integer.MIN_VALUE,
            0x80000001, 0x00000803, 0x00000801, 46341};

    static Gen<IdxCase> mutationCases() {
        Gen<String> base = Generate.pick(BASES);
        Gen<Integer> count = integers().between(1, 4);
        // Mutate the file's own bytes, or (for a gzip) the content inside it and compress again.
        Gen<Boolean> inside = booleans().all();
        Gen<Boolean> readAsOwnType = Generate.frequency(
                Pair.of(9, Generate.constant(true)), Pair.of(1, Generate.constant(false)));
        return base.zip(count, inside, readAsOwnType, longs().all(), IdxFuzzTest::mutationCase);
    }

    private static final Map<String, byte[]> BASE_BYTES = new ConcurrentHashMap<>();

    private static IdxCase mutationCase(String base, int count, boolean inside, boolean ownType, long seed) {
        Random r = new Random(seed);
        byte[] original = BASE_BYTES.computeIfAbsent(base, Fixtures::bytes);
        boolean gz = base.endsWith(".gz");
        byte[] bytes = gz && inside ? gunzip(original) : original.clone();
        List<String> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Mutation m = Mutation.values()[r.nextInt(Mutation.values().length)];
            bytes = mutate(bytes, m, r);
            done.add(m.name());
        }
        if (gz && inside) {
            bytes = IdxOracle.gzip(bytes);
        }
        boolean images = base.contains("images") == ownType;
        return new IdxCase(base + (gz ? (inside ? " (content)" : " (compressed bytes)") : "") + " " + done, bytes, images);
    }

    private static byte[] mutate(byte[] b, Mutation m, Random r) {
        int len = b.length;
        switch (m) {
            case FLIP_HEADER_BIT:
                if (len > 0) {
                    b[r.nextInt(Math.min(len, 16))] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            case FLIP_ANY_BIT:
                if (len > 0) {
                    b[r.nextInt(len)] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            case DATA_BYTE:
                // Past the longest header: valid images stay valid, labels may leave 0..9.
                if (len > 16) {
                    b[16 + r.nextInt(len - 16)] = (byte) (r.nextBoolean() ? r.nextInt(10) : r.nextInt(256));
                }
                return b;
            case SPECIAL_BYTE:
                if (len > 0) {
                    int[] special = {0x00, 0xFF, 0x80, 0x7F, 0x01, 0x08, 0x03, 0x0A, 0x1F, 0x8B};
                    b[r.nextBoolean() ? r.nextInt(Math.min(len, 16)) : r.nextInt(len)] = (byte) special[r.nextInt(special.length)];
                }
                return b;
            case SPECIAL_HEADER_INT:
                if (len >= 8) {
                    int slot = r.nextInt(Math.min(4, len / 4));
                    ByteBuffer.wrap(b).putInt(4 * slot, SPECIAL_INTS[r.nextInt(SPECIAL_INTS.length)]);
                }
                return b;
            case TRUNCATE:
                return Arrays.copyOf(b, len == 0 ? 0 : r.nextInt(len));
            case APPEND: {
                byte[] extra = new byte[1 + r.nextInt(64)];
                r.nextBytes(extra);
                return concat(b, extra);
            }
            case INSERT: {
                int at = r.nextInt(len + 1);
                byte[] extra = new byte[1 + r.nextInt(16)];
                r.nextBytes(extra);
                return concat(concat(Arrays.copyOf(b, at), extra), Arrays.copyOfRange(b, at, len));
            }
            case DELETE_RANGE: {
                if (len == 0) {
                    return b;
                }
                int from = r.nextInt(len);
                int to = Math.min(len, from + 1 + r.nextInt(32));
                return concat(Arrays.copyOf(b, from), Arrays.copyOfRange(b, to, len));
            }
            case DUPLICATE_RANGE: {
                if (len == 0) {
                    return b;
                }
                int from = r.nextInt(len);
                int to = Math.min(len, from + 1 + r.nextInt(64));
                return concat(concat(Arrays.copyOf(b, to), Arrays.copyOfRange(b, from, to)), Arrays.copyOfRange(b, to, len));
            }
            default:
                throw new IllegalStateException();
        }
    }

    @Test
    void random_mutations_of_valid_files_are_read_exactly_or_refused_cleanly() {
        Path file = dir.resolve("mutated-idx-ubyte");
        qt().withFixedSeed(SEED + 1).withExamples(MUTATION_CASES).withShrinkCycles(50)
                .forAll(mutationCases())
                .checkAssert(c -> check(file, c));
    }

    /** Writes the case, reads it, and holds the reader to the oracle. */
    private static void check(Path file, IdxCase c) {
        try {
            Files.write(file, c.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cases.incrementAndGet();
        IdxOracle.Expected expected = IdxOracle.expect(c.bytes(), c.images(), 10);
        String description = c.toString();
        Refusals.Outcome<Object> outcome = Refusals.run(description,
                () -> c.images() ? IdxReader.readImages(file) : IdxReader.readLabels(file, 10));
        if (outcome.refused()) {
            if (expected.valid()) {
                throw new AssertionError("a valid file was refused (" + outcome.refusal().getMessage() + "): " + description);
            }
            Refusals.assertGoodMessage(outcome.refusal(), file.toString(), description);
            refused.incrementAndGet();
            return;
        }
        if (!expected.valid()) {
            throw new AssertionError("accepted a file the format does not allow (" + expected.whyInvalid() + "): " + description);
        }
        if (c.images()) {
            IdxReader.Images images = (IdxReader.Images) outcome.value();
            assertArrayEquals(expected.dims(), new int[] {images.count(), images.rows(), images.cols()}, description);
            assertArrayEquals(expected.data(), images.pixels(), description);
        } else {
            int[] labels = (int[]) outcome.value();
            int[] want = new int[expected.data().length];
            for (int i = 0; i < want.length; i++) {
                want[i] = expected.data()[i] & 0xFF;
            }
            assertArrayEquals(want, labels, description);
        }
        accepted.incrementAndGet();
    }

    // ---- Claims far beyond the file ----

    /** Files of about 1 KB whose headers claim up to 2 GB, raw and gzip. */
    private List<Path> hugeClaims() throws IOException {
        List<Path> files = new ArrayList<>();
        byte[] kb = new byte[1024 - 16];
        int[][] claims = {{2_000_000_000, 28, 28}, {2_000_000, 28, 28}, {Integer.MAX_VALUE - 16, 1, 1}, {2_000_000_000, 1, 1},
                {65536, 65536, 65536}, {1, 46341, 46341}};
        for (int i = 0; i < claims.length; i++) {
            byte[] raw = IdxOracle.idx(IdxOracle.IMAGES_MAGIC, claims[i], kb);
            files.add(Files.write(dir.resolve("claim-" + i + "-images-idx3-ubyte"), raw));
            files.add(Files.write(dir.resolve("claim-" + i + "-images-idx3-ubyte.gz"), IdxOracle.gzip(raw)));
        }
        byte[] labels = IdxOracle.idx(IdxOracle.LABELS_MAGIC, new int[] {2_000_000_000}, new byte[1020]);
        files.add(Files.write(dir.resolve("claim-labels-idx1-ubyte"), labels));
        files.add(Files.write(dir.resolve("claim-labels-idx1-ubyte.gz"), IdxOracle.gzip(labels)));
        files.add(Fixtures.path("idx/corrupt/huge-claim-images"));
        files.add(Fixtures.path("idx/corrupt/overflow-dims"));
        return files;
    }

    @Test
    void a_header_claiming_two_billion_items_on_a_1_kb_file_allocates_at_most_a_few_mb() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (Path file : hugeClaims()) {
            boolean labels = file.getFileName().toString().contains("labels");
            long[] allocated = new long[1];
            Refusals.Outcome<Object> outcome = Refusals.run(file.toString(), () -> {
                long before = threads.getCurrentThreadAllocatedBytes();
                try {
                    return labels ? IdxReader.readLabels(file, 10) : IdxReader.readImages(file);
                } finally {
                    allocated[0] = threads.getCurrentThreadAllocatedBytes() - before;
                }
            });
            assertTrue(outcome.refused(), "accepted " + file);
            Refusals.assertGoodMessage(outcome.refusal(), file.toString(), file.toString());
            assertTrue(allocated[0] < 4L << 20, file.getFileName() + " made the reader allocate " + allocated[0] + " bytes");
            cases.incrementAndGet();
            refused.incrementAndGet();
        }
    }

    @Test
    void in_a_jvm_with_a_32_mb_heap_huge_claims_and_a_gzip_bomb_are_refused_not_out_of_memory() throws IOException {
        List<String> args = new ArrayList<>();
        for (Path file : hugeClaims()) {
            args.add((file.getFileName().toString().contains("labels") ? "labels:" : "images:") + file);
        }
        // A valid header and 256 MB of real (zero) labels in a 250 KB gzip: the data is really there, but does not fit.
        Path bomb = dir.resolve("bomb-labels-idx1-ubyte.gz");
        int n = 256 << 20;
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            out.write(ByteBuffer.allocate(8).putInt(IdxOracle.LABELS_MAGIC).putInt(n).array());
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < n / zeros.length; i++) {
                out.write(zeros);
            }
        }
        args.add("labels:" + bomb);
        ChildJvm.Result r = ChildJvm.run(dir, 60, List.of("-Xmx32m", "-XX:+UseSerialGC"), RefuseMain.class, args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("refused " + bomb), r.output());
        cases.addAndGet(args.size());
        refused.addAndGet(args.size());
    }

    // ---- helpers ----

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static byte[] gunzip(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
