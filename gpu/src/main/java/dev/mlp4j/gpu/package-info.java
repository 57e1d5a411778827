/**
 * The OpenCL devices of this machine, and what the module's two float32 backends share.
 *
 * <p>{@link dev.mlp4j.gpu.OpenClDevices} finds the devices once per process through JOCL (a {@link
 * dev.mlp4j.gpu.DeviceScan} of {@link dev.mlp4j.gpu.OpenClDevice} records): what {@code mlp4j devices} prints, what
 * {@code --device} indexes and what "auto" chooses from; every way OpenCL can be missing becomes a sentence that
 * says what to install. {@link dev.mlp4j.gpu.ParameterLayout} is where a network's weights and biases sit in the one
 * float array a device holds them in, and {@link dev.mlp4j.gpu.KernelCodes} the numbers the kernels use for each
 * activation and cost. {@link dev.mlp4j.gpu.NativeStderr} silences what native libraries print past Java.
 *
 * <p>Each backend has a subpackage that depends on this one and never on the other: {@code dev.mlp4j.gpu.opencl}
 * (JOCL, with CLBlast or the module's own kernels; "auto" prefers it) and {@code dev.mlp4j.gpu.aparapi} (kernels
 * written in Java and translated to OpenCL by Aparapi). Core finds both through their {@code BackendProvider}s in
 * META-INF/services and knows nothing of this module.
 */
package dev.mlp4j.gpu;
