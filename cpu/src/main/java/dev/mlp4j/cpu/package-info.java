/**
 * The cpu backend: the network in float32 on the processor, its dense products (forward W·a, backward Wᵀ·δ and the
 * weight gradient δ·aᵀ of each layer) through OpenBLAS's sgemm, bundled through JavaCPP so that nothing needs
 * installing, and its element-wise passes in Java across the cores between the BLAS calls.
 */
package dev.mlp4j.cpu;
