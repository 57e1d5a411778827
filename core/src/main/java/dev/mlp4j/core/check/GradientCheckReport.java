package dev.mlp4j.core.check;

import java.util.List;

/** The result of a {@link GradientCheck}: one line per parameter array, and the verdict. */
public record GradientCheckReport(List<ArrayResult> arrays, double maxAllowedRelativeError) {

    /**
     * @param name            e.g. "weights[1]"
     * @param checked         number of parameters compared
     * @param failed          how many exceeded the allowed relative error
     * @param maxRelativeError the largest relative error in the array
     * @param worstIndex      index (row-major) of that parameter
     */
    public record ArrayResult(String name, int checked, int failed, double maxRelativeError, int worstIndex,
                              double analytic, double numeric) {
    }

    public boolean passed() {
        return failed() == 0;
    }

    public int checked() {
        return arrays.stream().mapToInt(ArrayResult::checked).sum();
    }

    public int failed() {
        return arrays.stream().mapToInt(ArrayResult::failed).sum();
    }

    public double maxRelativeError() {
        return arrays.stream().mapToDouble(ArrayResult::maxRelativeError).max().orElse(0);
    }
}
