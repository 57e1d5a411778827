package dev.mlp4j.core.backend;

/**
 * Which backend runs and on what: shown to the user on every run so nothing ever falls back silently.
 *
 * @param name      the backend's name as given to --backend ("core", "opencl", "aparapi")
 * @param device    the device in words, e.g. "Java, 2 threads, double precision" or "NVIDIA H100 (OpenCL GPU)"
 * @param precision "float64" or "float32"
 */
public record BackendInfo(String name, String device, String precision) {
}
