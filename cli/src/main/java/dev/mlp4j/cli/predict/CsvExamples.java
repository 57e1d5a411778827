package dev.mlp4j.cli.predict;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.file.InputFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Examples from a CSV file, one per row: the input values (784 for MNIST), or a label followed by them, as in the
 * common MNIST CSV exports. A first row that is not numbers is a header and skipped. How values become inputs is
 * the {@link CsvScale}: divided by 255, as they are, or (auto) divided by 255 when any value of the file exceeds 1.
 */
public final class CsvExamples {
    /** Far more than any set of examples worth predicting at once (all of MNIST is about 130 MB as CSV). */
    public static final long MAX_BYTES = 1L << 30;

    private CsvExamples() {
    }

    /**
     * The examples and the divisor their values were read with.
     *
     * @param dividedBy 255 when the values were read as pixels in 0..255, 1 when used as they are
     */
    public record Read(List<LabelledInput> examples, int dividedBy) {
    }

    /** At most {@code limit} rows (0 or less: all). */
    public static Read read(Path file, int inputSize, int classes, int limit, CsvScale scale) {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(InputFiles.open(file, MAX_BYTES, "CSV file"),
                StandardCharsets.UTF_8.newDecoder()))) {
            String line;
            int number = 0;
            boolean first = true;
            while ((line = reader.readLine()) != null && (limit <= 0 || rows.size() < limit)) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                boolean header = first && !isNumber(cells[0].trim());
                first = false;
                if (!header) {
                    rows.add(cells);
                    lineNumbers.add(number);
                }
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file.");
        } catch (MalformedInputException e) {
            throw new InvalidInputException(file + ": not a text file, so not CSV.");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ").", e);
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException(file + ": holds no rows of values; give one example per row, " + inputSize + " values each.");
        }
        double[][] values = new double[rows.size()][];
        boolean bytes = false;
        for (int r = 0; r < rows.size(); r++) {
            values[r] = parse(file, lineNumbers.get(r), rows.get(r), inputSize, scale);
            int first = values[r].length == inputSize + 1 ? 1 : 0;
            for (int k = first; k < values[r].length; k++) {
                bytes |= values[r][k] > 1;
            }
        }
        int divisor = scale == CsvScale.BYTES || (scale == CsvScale.AUTO && bytes) ? 255 : 1;
        List<LabelledInput> examples = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            double[] v = values[r];
            int first = v.length == inputSize + 1 ? 1 : 0;
            Integer label = null;
            if (first == 1) {
                if (v[0] != Math.rint(v[0]) || v[0] < 0 || v[0] >= Math.max(classes, 2)) {
                    throw new InvalidInputException(file + ":" + lineNumbers.get(r) + ": the first of " + v.length
                            + " values is taken as the label, but " + v[0] + " is not a class 0.." + (Math.max(classes, 2) - 1) + ".");
                }
                label = (int) v[0];
            }
            float[] pixels = new float[inputSize];
            for (int k = 0; k < inputSize; k++) {
                pixels[k] = (float) (v[first + k] / divisor);
            }
            examples.add(new LabelledInput(file.getFileName() + ":" + lineNumbers.get(r), pixels, label, null));
        }
        return new Read(examples, divisor);
    }

    private static double[] parse(Path file, int line, String[] cells, int inputSize, CsvScale scale) {
        if (cells.length != inputSize && cells.length != inputSize + 1) {
            throw new InvalidInputException(file + ":" + line + ": " + cells.length + " values, but the model takes " + inputSize
                    + " (or a label then " + inputSize + ").");
        }
        double[] v = new double[cells.length];
        for (int k = 0; k < cells.length; k++) {
            String cell = cells[k].trim();
            try {
                v[k] = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(file + ":" + line + ": value " + (k + 1) + " is '" + cell + "', not a number.");
            }
            if (scale == CsvScale.AS_IS ? !Double.isFinite(v[k]) : !(v[k] >= 0 && v[k] <= 255)) {
                throw new InvalidInputException(file + ":" + line + ": value " + (k + 1) + " is " + cell + (scale == CsvScale.AS_IS
                        ? ", not a finite number." : "; pixels must be between 0 and 255 (or 0 and 1); for inputs that are not pixels give --csv-scale 1."));
            }
        }
        return v;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
