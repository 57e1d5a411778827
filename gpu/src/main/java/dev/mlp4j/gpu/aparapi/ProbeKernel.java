package dev.mlp4j.gpu.aparapi;

import com.aparapi.Kernel;

/** The smallest kernel that shows whether Aparapi really runs on an OpenCL device rather than in Java threads. */
final class ProbeKernel extends Kernel {
    final float[] values;

    ProbeKernel(int n) {
        values = new float[n];
    }

    @Override
    public void run() {
        int i = getGlobalId();
        values[i] = exp(0f) + i;
    }
}
