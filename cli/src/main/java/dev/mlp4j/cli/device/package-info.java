/**
 * The commands about the machine: {@code devices} lists the backends and OpenCL devices mlp4j can use, and
 * {@code bench} times training on each of them ({@link dev.mlp4j.cli.device.BenchTable} lays out its table). The
 * backends are mlp4j-core's and mlp4j-gpu's.
 */
package dev.mlp4j.cli.device;
