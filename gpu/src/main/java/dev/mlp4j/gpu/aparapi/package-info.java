/**
 * The "aparapi" backend: the network's passes written in Java ({@code NetworkKernel}) and translated to OpenCL by
 * Aparapi, in float32.
 *
 * <p>{@link dev.mlp4j.gpu.aparapi.AparapiProvider} offers it to core's backend selection, below the Java reference
 * on a CPU device; {@link dev.mlp4j.gpu.aparapi.AparapiBackend} is the backend. Aparapi never fails where OpenCL is
 * missing or a kernel does not translate: it runs the kernel in Java threads instead. So AparapiDevices runs a probe
 * kernel once per device and reports such a device as unavailable, and the backend refuses any pass that did not run
 * on OpenCL. {@link dev.mlp4j.gpu.aparapi.AparapiLog} hides or shows Aparapi's own log lines.
 *
 * <p>It shares with the opencl backend only what lies in {@code dev.mlp4j.gpu}: the device list (a {@code --device}
 * index names the same device for both), the parameter layout and the kernels' activation and cost codes.
 */
package dev.mlp4j.gpu.aparapi;
