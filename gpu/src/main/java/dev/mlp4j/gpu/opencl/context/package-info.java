/**
 * One OpenCL device's context as the opencl backend uses it, with nothing of networks in it: the context and its
 * single in-order queue ({@link dev.mlp4j.gpu.opencl.context.ClContext}), the buffers made through it
 * ({@link dev.mlp4j.gpu.opencl.context.ClBuffer}), kernel calls that pass on only changed arguments
 * ({@link dev.mlp4j.gpu.opencl.context.KernelCall}) and launches checked against NVIDIA's grid limits on every device
 * (LaunchGeometry), programs kept as the driver's binary for the process (ProgramBinaries), and OpenCL's error codes
 * turned into sentences a user can act on ({@link dev.mlp4j.gpu.opencl.context.DeviceFailures}).
 *
 * <p>A context releases everything made through it once, each release tried even when one before failed
 * (ReleaseFailures). It opens on a device that {@code dev.mlp4j.gpu.OpenClDevices} found; {@code dev.mlp4j.gpu.opencl}
 * is its one user.
 */
package dev.mlp4j.gpu.opencl.context;
