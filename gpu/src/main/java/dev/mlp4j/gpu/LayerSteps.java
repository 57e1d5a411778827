package dev.mlp4j.gpu;

import dev.mlp4j.core.backend.StepSettings;

/**
 * The per-layer work of one step, in the order {@link OpenClBackend} calls it: {@code begin}; {@code forward} for
 * each layer (the output layer's z only; output_layer finishes it); then from the top, {@code backward} (BP2,
 * for layers above the first) and {@code gradient} (BP3/BP4, then the SGD step or the stored gradient); then
 * {@code end}. Each layer's weights are read by its {@code backward} before its {@code gradient} may change them.
 */
interface LayerSteps {

    void begin(StepRows rows);

    void forward(int layer, StepRows rows, DeviceDropout dropout);

    /** delta of layer {@code layer - 1} from the delta of {@code layer}. */
    void backward(int layer, StepRows rows, DeviceDropout dropout);

    /** With {@code store}, the gradient goes to the gradient buffer; otherwise the SGD step is taken. */
    void gradient(int layer, StepRows rows, StepSettings settings, boolean store);

    void end(StepSettings settings, boolean store);
}
