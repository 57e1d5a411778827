package dev.mlp4j.gpu.opencl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The OpenCL C of the backend, kept as readable .cl resources beside this class. Each engine's program is compiled
 * from its own sources only: the helpers (dropout mask, activations, SGD step, output layer) and then that engine's
 * kernels, steps.cl for CLBlast's, products.cl for the vector kernels; so a compiler's quirk in one engine's kernels
 * cannot take down the other.
 *
 * <p>The helpers are plain functions, not {@code inline}: under C99's rules, which OpenCL C follows, an
 * {@code inline} definition alone gives no function to call where the compiler chooses not to inline it, and
 * NVIDIA's compiler then fails with an unresolved symbol. Compilers inline small helpers anyway.
 */
final class KernelSource {
    /** What every engine's program holds, in this order. */
    static final String[] HELPERS = {"dropout.cl", "activation.cl", "update.cl", "output.cl"};
    /** Every file, each engine's kernels last. */
    static final String[] FILES = {"dropout.cl", "activation.cl", "update.cl", "output.cl", "steps.cl", "products.cl"};

    private KernelSource() {
    }

    /** The program of one engine (not {@link MatrixEngine#AUTO}: resolve it for the device first). */
    static String program(MatrixEngine engine) {
        String kernels = switch (engine) {
            case CLBLAST -> "steps.cl";
            case VECTOR_KERNELS -> "products.cl";
            case AUTO -> throw new IllegalArgumentException("resolve the engine for the device before compiling its program");
        };
        String[] files = Arrays.copyOf(HELPERS, HELPERS.length + 1);
        files[HELPERS.length] = kernels;
        return concatenate(files);
    }

    /** Every file in one text, for checks over all of the OpenCL C; no engine compiles this. */
    static String program() {
        return concatenate(FILES);
    }

    private static String concatenate(String[] files) {
        StringBuilder sb = new StringBuilder();
        for (String f : files) {
            sb.append("/* ---- ").append(f).append(" ---- */\n").append(read(f)).append('\n');
        }
        return sb.toString();
    }

    private static String read(String file) {
        try (InputStream in = KernelSource.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("kernel source dev/mlp4j/gpu/opencl/" + file + " is missing from the gpu jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
