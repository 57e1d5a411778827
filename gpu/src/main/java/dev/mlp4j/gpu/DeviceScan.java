package dev.mlp4j.gpu;

import java.util.List;

/**
 * What OpenCL offers on this machine: every device across platforms, the one "auto" would choose, or why there
 * is none.
 *
 * @param devices   every device, in the order of their indices
 * @param autoIndex the device that {@code --device -1} (the default) selects: the GPU with the most compute
 *                  units, else the CPU device with the most; -1 when there is no device
 * @param problem   why OpenCL cannot be used here, as a clause with the fix and no closing full stop (a
 *                  sentence adds it); null when it can
 */
public record DeviceScan(List<OpenClDevice> devices, int autoIndex, String problem) {
    /** Keeps its own copy of {@code devices}. */
    public DeviceScan {
        devices = List.copyOf(devices);
    }

    /** @return whether OpenCL can be used here */
    public boolean available() {
        return problem == null;
    }

    /** The device a --device value selects, or null when there is no such device. */
    public OpenClDevice select(int requested) {
        int i = requested < 0 ? autoIndex : requested;
        return i >= 0 && i < devices.size() ? devices.get(i) : null;
    }
}
