/**
 * Where a network's arithmetic runs. {@link dev.mlp4j.core.backend.Backend} is all the trainer and the evaluators
 * talk to; {@link dev.mlp4j.core.backend.ReferenceBackend} runs {@link dev.mlp4j.core.nn}'s code on the Java heap,
 * and other modules add backends (the gpu module's OpenCL ones) by listing a
 * {@link dev.mlp4j.core.backend.BackendProvider} for {@link java.util.ServiceLoader}. {@link dev.mlp4j.core.backend.Backends}
 * finds them and chooses one ("auto", through {@link dev.mlp4j.core.backend.AutoChoice}), always saying which and why.
 *
 * <p>A backend describes itself rather than being recognised by its class: {@link dev.mlp4j.core.backend.BackendInfo}
 * for the user, {@link dev.mlp4j.core.backend.BackendCapabilities} for the code that drives it. Adding a backend
 * changes nothing outside its own provider.
 */
package dev.mlp4j.core.backend;
