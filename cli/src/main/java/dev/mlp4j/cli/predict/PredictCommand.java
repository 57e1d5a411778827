package dev.mlp4j.cli.predict;

import dev.mlp4j.cli.ExitCodes;
import dev.mlp4j.cli.JsonOutput;
import dev.mlp4j.cli.UsageException;
import dev.mlp4j.cli.options.CommonOptions;
import dev.mlp4j.cli.report.ImageSide;
import dev.mlp4j.core.backend.BackendInfo;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.predict.Classifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classify examples with a saved model and show every class's probability.",
                "Images (PNG, JPEG, any size) are prepared as MNIST digits were: grayscale, inverted when the background is light, "
                        + "fitted into 20x20 keeping the aspect ratio, centred by mass in 28x28."})
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by 'mlp4j train --save'.")
    Path model;

    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "Picture files of single digits.")
    List<Path> images = new ArrayList<>();

    @Option(names = "--idx", paramLabel = "FILE", description = "An IDX image file (e.g. t10k-images-idx3-ubyte.gz): one prediction per image.")
    Path idx;

    @Option(names = "--labels", paramLabel = "FILE", description = "The IDX labels file belonging to --idx: each line then shows the true label, and the accuracy is printed.")
    Path labels;

    @Option(names = "--csv", paramLabel = "FILE", description = "A CSV file, one example per row: the input values (see --csv-scale), "
            + "or a label then the values; a header row is skipped.")
    Path csv;

    @Option(names = "--csv-scale", paramLabel = "auto|255|1", defaultValue = "auto",
            description = "How --csv values become inputs: 255 divides every value by 255 (pixels in 0..255); 1 uses them as they are "
                    + "(pixels in 0..1, or inputs that are not pixels); auto divides by 255 when any value in the file exceeds 1. "
                    + "Default: ${DEFAULT-VALUE}.")
    String csvScale;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "At most N examples from --idx and from --csv (0: all).")
    int limit;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CsvScale scale = checkOptions();
        Model m = ModelFile.load(model);
        Inputs inputs = readInputs(m.spec().inputSize(), m.spec().outputSize(), scale);
        Classifier.Prediction[] predictions;
        String meaning;
        BackendInfo ran;
        try (Classifier classifier = new Classifier(m.parameters())) {
            predictions = classifier.classify(inputs.examples().stream().map(LabelledInput::pixels).toList());
            meaning = classifier.probabilitiesMeaning();
            ran = classifier.backend();
        }
        out.println("model: " + model + " (" + m.spec() + ")");
        out.println("backend " + ran.name() + " on " + ran.device());
        if (inputs.fromCsv() != null) {
            out.println("csv: " + scaleText(scale, inputs.fromCsv().dividedBy()));
        }
        out.println("probabilities: " + meaning);
        Tally tally = printPredictions(out, inputs.examples(), predictions);
        if (common.json) {
            Map<String, Object> json = JsonOutput.object("predict");
            json.put("model", model.toString());
            json.put("probabilitiesFrom", meaning);
            json.put("backend", ran.name());
            json.put("device", ran.device());
            if (inputs.fromCsv() != null) {
                json.put("csvScale", scale.id());
                json.put("csvDividedBy", inputs.fromCsv().dividedBy());
            }
            json.put("predictions", tally.entries());
            if (tally.labelled() > 0) {
                json.put("accuracy", (double) tally.correct() / tally.labelled());
            }
            JsonOutput.print(out, json);
        }
        return ExitCodes.OK;
    }

    /** The examples to classify, in the order given: images, then --idx, then --csv (kept apart for its scale line). */
    private record Inputs(List<LabelledInput> examples, CsvExamples.Read fromCsv) {
    }

    /** Each prediction as its JSON entry, and how many examples had a label and how many of those were right. */
    private record Tally(List<Map<String, Object>> entries, int labelled, int correct) {
    }

    /** Usage errors before the model loads; the CSV scale asked for. */
    private CsvScale checkOptions() {
        if (images.isEmpty() && idx == null && csv == null) {
            throw new UsageException("Nothing to classify; give image files, --idx FILE or --csv FILE, e.g. 'mlp4j predict --model model.json digit.png'.");
        }
        if (limit < 0) {
            throw new UsageException("--limit must be 0 (all) or a positive number, not " + limit + ".");
        }
        if (labels != null && idx == null) {
            throw new UsageException("--labels belongs to --idx: give the IDX image file it labels with --idx FILE.");
        }
        CsvScale scale = CsvScale.fromId(csvScale);
        if (scale == null) {
            throw new UsageException("--csv-scale is auto, 255 or 1, not '" + csvScale + "'.");
        }
        return scale;
    }

    private Inputs readInputs(int inputSize, int classes, CsvScale scale) {
        List<LabelledInput> inputs = new ArrayList<>();
        if (!images.isEmpty()) {
            int side = ImageSide.of(inputSize);
            if (side == 0) {
                throw new UsageException("The model takes " + inputSize + " inputs, which is not a square picture; "
                        + "give its examples with --csv instead of as images.");
            }
            for (Path image : images) {
                inputs.add(ImageFiles.read(image, side));
            }
        }
        if (idx != null) {
            inputs.addAll(IdxExamples.read(idx, labels, inputSize, classes, limit));
        }
        CsvExamples.Read fromCsv = null;
        if (csv != null) {
            fromCsv = CsvExamples.read(csv, inputSize, classes, limit, scale);
            inputs.addAll(fromCsv.examples());
        }
        return new Inputs(inputs, fromCsv);
    }

    /** A line per prediction, then the accuracy on the labelled ones. */
    private static Tally printPredictions(PrintWriter out, List<LabelledInput> inputs, Classifier.Prediction[] predictions) {
        List<Map<String, Object>> list = new ArrayList<>();
        int labelled = 0;
        int correct = 0;
        for (int i = 0; i < inputs.size(); i++) {
            LabelledInput in = inputs.get(i);
            Classifier.Prediction p = predictions[i];
            out.println(line(in, p));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("source", in.source());
            entry.put("label", p.label());
            entry.put("probabilities", p.probabilities());
            if (in.expected() != null) {
                entry.put("expected", in.expected());
                labelled++;
                correct += in.expected() == p.label() ? 1 : 0;
            }
            if (in.note() != null) {
                entry.put("note", in.note());
            }
            list.add(entry);
        }
        if (labelled > 0) {
            out.printf(Locale.ROOT, "accuracy on the %d labelled examples: %.2f%% (%d correct)%n", labelled, 100.0 * correct / labelled, correct);
        }
        return new Tally(list, labelled, correct);
    }

    /** Which scale the CSV values were read with, and for auto why. */
    private static String scaleText(CsvScale scale, int dividedBy) {
        String read = dividedBy == 255 ? "values read as 0..255, divided by 255" : "values used as they are, not divided by 255";
        return read + switch (scale) {
            case AUTO -> dividedBy == 255 ? " (--csv-scale auto: the file holds a value above 1; give --csv-scale 1 to use them as they are)"
                    : " (--csv-scale auto: no value in the file is above 1)";
            case BYTES -> " (--csv-scale 255)";
            case AS_IS -> " (--csv-scale 1)";
        };
    }

    private static String line(LabelledInput in, Classifier.Prediction p) {
        StringBuilder sb = new StringBuilder(in.source()).append(": ").append(p.label());
        sb.append(String.format(Locale.ROOT, " (%.3f)", p.probabilities()[p.label()]));
        if (in.expected() != null) {
            sb.append(in.expected() == p.label() ? "  true " + in.expected() : "  true " + in.expected() + ", WRONG");
        }
        if (in.note() != null) {
            sb.append("  [").append(in.note()).append(']');
        }
        sb.append("   ");
        double[] probabilities = p.probabilities();
        for (int k = 0; k < probabilities.length; k++) {
            sb.append(String.format(Locale.ROOT, " %d:%.3f", k, probabilities[k]));
        }
        return sb.toString();
    }
}
