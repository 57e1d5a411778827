package dev.mlp4j.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The OpenCL C of the backend, kept as readable .cl resources beside this class and compiled as one program: the
 * helpers (dropout mask, activations, SGD step) first, then the kernels that use them.
 *
 * <p>The helpers are plain functions, not {@code inline}: under C99's rules, which OpenCL C follows, an
 * {@code inline} definition alone gives no function to call where the compiler chooses not to inline it, and
 * NVIDIA's compiler then fails with an unresolved symbol. Compilers inline small helpers anyway.
 */
final class KernelSource {
    static final String[] FILES = {"dropout.cl", "activation.cl", "update.cl", "output.cl", "steps.cl", "products.cl"};

    private KernelSource() {
    }

    static String program() {
        StringBuilder sb = new StringBuilder();
        for (String f : FILES) {
            sb.append("/* ---- ").append(f).append(" ---- */\n").append(read(f)).append('\n');
        }
        return sb.toString();
    }

    private static String read(String file) {
        try (InputStream in = KernelSource.class.getResourceAsStream("opencl/" + file)) {
            if (in == null) {
                throw new IllegalStateException("kernel source opencl/" + file + " is missing from the gpu jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
