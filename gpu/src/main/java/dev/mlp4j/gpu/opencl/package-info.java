/**
 * The "opencl" backend: a network trained on an OpenCL device in float32 through JOCL, step for step the computation
 * of core's Backprop.
 *
 * <p>{@link dev.mlp4j.gpu.opencl.OpenClProvider} offers it to core's backend selection and
 * {@link dev.mlp4j.gpu.opencl.OpenClBackend} is the backend. It keeps the network's buffers on the device for its
 * life (DeviceNetwork) and runs each step's per-layer work through one of two matrix engines
 * ({@link dev.mlp4j.gpu.opencl.MatrixEngine}): CLBlast's SGEMM with small kernels between the products
 * (ClBlastSteps, for GPUs), or the register-tiled kernels of products.cl (VectorKernelSteps, for CPU devices).
 * The OpenCL C lies beside these classes as .cl resources (KernelSource); SgemmTiming times CLBlast alone, the
 * bench's yardstick.
 *
 * <p>It opens its device through {@code dev.mlp4j.gpu.OpenClDevices}, lays out its parameters with the shared
 * {@code ParameterLayout}, and does every OpenCL call through {@code dev.mlp4j.gpu.opencl.context}, which knows
 * nothing of networks.
 */
package dev.mlp4j.gpu.opencl;
