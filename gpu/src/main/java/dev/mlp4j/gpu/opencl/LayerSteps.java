package dev.mlp4j.gpu.opencl;

import dev.mlp4j.core.nn.StepSettings;

/**
 * The per-layer work of one step, in the order {@link OpenClBackend} calls it: {@code begin}; {@code forward} for
 * each hidden layer and {@code forwardOutput}; then from the top, {@code backward} (BP2,
 * for layers above the first) and {@code gradient} (BP3/BP4, then the SGD step or the stored gradient); then
 * {@code end}. Each layer's weights are read by its {@code backward} before its {@code gradient} may change them.
 */
interface LayerSteps {

    void begin(StepRows rows);

    /** A hidden layer's forward pass. */
    void forward(int layer, StepRows rows, DeviceDropout dropout);

    /**
     * The output layer's forward pass, with the work of {@link DeviceNetwork#outputLayer}; {@code dropout} is the
     * hidden layers', for steps that also take the output layer's {@code backward} here.
     */
    void forwardOutput(StepRows rows, OutputWork work, DeviceDropout dropout);

    /** delta of layer {@code layer - 1} from the delta of {@code layer}. */
    void backward(int layer, StepRows rows, DeviceDropout dropout);

    /** With {@code store}, the gradient goes to the gradient buffer; otherwise the SGD step is taken. */
    void gradient(int layer, StepRows rows, StepSettings settings, boolean store);

    void end(StepSettings settings, boolean store);
}
