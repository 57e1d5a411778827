package dev.mlp4j.gpu;

/**
 * Run by {@link NativeStderrTest} in a JVM of its own, whose stderr the test reads. Java's System.err writes to file
 * descriptor 2, the same one C code writes to, so what it prints inside {@link NativeStderr#discardDuring} stands
 * for a native library's lines.
 */
public final class NativeStderrChild {
    private NativeStderrChild() {
    }

    public static void main(String[] args) {
        System.err.println("before");
        String returned = NativeStderr.discardDuring(() -> {
            System.err.println("dropped");
            System.err.flush();
            return "returned";
        });
        System.err.println(returned);
        try {
            NativeStderr.discardDuring(() -> {
                System.err.println("dropped too");
                System.err.flush();
                throw new IllegalStateException("thrown");
            });
        } catch (IllegalStateException e) {
            System.err.println("after " + e.getMessage());
        }
    }
}
