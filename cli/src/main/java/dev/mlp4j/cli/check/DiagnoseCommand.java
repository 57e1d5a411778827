package dev.mlp4j.cli.check;

import dev.mlp4j.cli.ExitCodes;
import dev.mlp4j.cli.JsonOutput;
import dev.mlp4j.cli.UsageException;
import dev.mlp4j.cli.options.CommonOptions;
import dev.mlp4j.cli.options.DataChoice;
import dev.mlp4j.cli.options.NetworkFit;
import dev.mlp4j.cli.options.NetworkOptions;
import dev.mlp4j.cli.options.OptionWords;
import dev.mlp4j.cli.options.Presets;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.ReferenceProvider;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.io.Json;
import dev.mlp4j.core.io.JsonFiles;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.core.train.TrainingData;
import dev.mlp4j.verify.diagnose.DiagnoseReport;
import dev.mlp4j.verify.diagnose.Finding;
import dev.mlp4j.verify.diagnose.LayerStatistics;
import dev.mlp4j.verify.diagnose.NetworkDiagnosis;
import dev.mlp4j.verify.diagnose.Percent;
import dev.mlp4j.verify.diagnose.Thresholds;
import dev.mlp4j.verify.diagnose.WeightsOrigin;
import dev.mlp4j.verify.file.VerifyFile;
import dev.mlp4j.verify.file.VerifyFileReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

@Command(name = "diagnose", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find what keeps a network from learning, layer by layer, from a few batches run forward and backward without training.",
                "",
                "Findings: saturated or dead units, a gradient that vanishes or explodes, steps too large or too small "
                        + "for the learning rate, inputs not scaled; each comes with one line of advice. The network is a "
                        + "saved model, a new one (--layers, --init, --seed), or a verify file's; the data is MNIST, a "
                        + "generated --example, or (for a verify file) its own examples."})
public final class DiagnoseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", description = "A model saved by 'mlp4j train --save'.")
    Path model;

    @Option(names = "--verify-file", paramLabel = "FILE", description = "The network of a verify file (docs/verify.md).")
    Path verifyFile;

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Option(names = "--init", paramLabel = "SCHEME", defaultValue = "normal-scaled",
            description = "Initialisation of a new network: uniform, normal, normal-scaled, xavier, he. Default: ${DEFAULT-VALUE}.")
    String init;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of a new network's weights and of the batches drawn.")
    long seed;

    @Mixin
    DataChoice data = new DataChoice();

    @Option(names = "--batches", paramLabel = "N", defaultValue = "5", description = "Batches to run. Default: ${DEFAULT-VALUE}.")
    int batches;

    @Option(names = "--batch", paramLabel = "M", defaultValue = "100", description = "Examples per batch. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    /** The learning rate when neither --lr nor a verify file's step gives one. */
    static final double DEFAULT_LR = 0.5;

    @Option(names = "--lr", paramLabel = "ETA", description = "Learning rate the update ratio is for. Default: a verify file's "
            + "learningRate, else 0.5.")
    Double lr;

    @Mixin
    CommonOptions common = new CommonOptions();

    /** Where the diagnosis runs: core's own backprop, whatever backend the network was trained on. */
    private static final String REFERENCE_DEVICE = new ReferenceProvider().availability(BackendOptions.DEFAULT).device();

    /**
     * The network to diagnose and where it came from.
     *
     * @param origin       where its weights came from, for the advice
     * @param learningRate the η its file gives (a verify file's learningRate), or null
     * @param note         a line to print about how the file was read, or null
     */
    private record Subject(Parameters parameters, String description, String source, WeightsOrigin origin, Batch ownBatch,
                           Double learningRate, String note) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (batches < 1 || batchSize < 1) {
            throw new UsageException("--batches and --batch must be at least 1, not " + batches + " and " + batchSize + ".");
        }
        if (lr != null && (!(lr > 0) || Double.isInfinite(lr))) {
            throw new UsageException("--lr must be a positive number, not " + lr + ".");
        }
        Subject subject = subject();
        List<Batch> drawn = new ArrayList<>();
        String dataText = batches(subject, drawn);
        // --lr wins; else the η the verify file gives, which is the one its network trains with.
        double eta = lr != null ? lr : subject.learningRate() != null ? subject.learningRate() : DEFAULT_LR;
        String etaSource = lr == null && subject.learningRate() != null ? " (the file's learningRate)" : "";
        DiagnoseReport r = NetworkDiagnosis.run(subject.parameters(), drawn, eta, Thresholds.DEFAULT, subject.origin());
        print(out, subject, dataText, etaSource, r);
        if (common.json) {
            JsonOutput.print(out, json(subject, dataText, r));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private Subject subject() {
        int given = (model != null ? 1 : 0) + (verifyFile != null ? 1 : 0) + (network.layers != null ? 1 : 0);
        if (given != 1) {
            throw new UsageException(given == 0
                    ? "Say which network to diagnose: --model FILE, --layers N,N,... (a new one) or --verify-file FILE."
                    : "Give one network: --model, --layers or --verify-file, not several.");
        }
        if (network.layers == null && !network.isDefault()) {
            throw new UsageException("--hidden, --output and --cost describe a new network; give --layers too, or leave them out.");
        }
        if (model != null) {
            Model m = ModelFile.load(model);
            return new Subject(m.parameters(), "model " + model + " (" + m.spec() + ")", "model", WeightsOrigin.TRAINED, null,
                    null, null);
        }
        if (verifyFile != null) {
            VerifyFile f = VerifyFileReader.read(verifyFile);
            // verify reads the file's learningRate only with its step (the "after" parameters); a file without one
            // may still say the η its network trains at, which core's verify API does not expose: read it here.
            Double eta = f.step() != null ? f.step().learningRate() : null;
            String note = null;
            if (eta == null) {
                Object field = learningRateField(verifyFile);
                if (field instanceof Double d && d > 0 && Double.isFinite(d)) {
                    eta = d;
                } else if (field != null && lr == null) {
                    note = "note: the file's learningRate " + jsonText(field) + " is not a positive number; the update ratios are for "
                            + jsonText(DEFAULT_LR) + " (give --lr to choose)";
                }
            }
            return new Subject(f.parameters(), "verify file " + verifyFile + " (" + f.spec() + ")", "verify-file",
                    WeightsOrigin.HAND_WRITTEN, f.batch(), eta, note);
        }
        NetworkSpec s = network.spec(Presets.mnist().spec());
        WeightInit scheme;
        try {
            scheme = WeightInit.fromId(init);
        } catch (InvalidInputException e) {
            throw new UsageException(OptionWords.sentence(e), e);
        }
        return new Subject(scheme.initialise(s, new Random(seed)), "new network " + s + ", init " + scheme.id() + " (seed " + seed + ")",
                "layers", WeightsOrigin.initialised(scheme), null, null, null);
    }

    /**
     * The top-level "learningRate" of a verify file that {@link VerifyFileReader} has read already (so the file is
     * valid JSON), as core's JSON parser gives it, or null when absent.
     */
    private static Object learningRateField(Path file) {
        try {
            Object root = Json.parse(file.toString(), JsonFiles.read(file, VerifyFileReader.MAX_BYTES, "verify file"));
            return root instanceof Map<?, ?> m ? m.get("learningRate") : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A JSON value as the user wrote it, near enough: a whole number without ".0". */
    private static String jsonText(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf(d.longValue());
        }
        return v instanceof String text ? "\"" + text + "\"" : String.valueOf(v);
    }

    /** Fills {@code out} with the batches to run and says where they came from. */
    private String batches(Subject subject, List<Batch> out) {
        // --dataset has a default, so only the command line tells whether it was given.
        boolean datasetGiven = spec.commandLine() != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--dataset");
        if (subject.ownBatch() != null && data.data == null && !data.isExample() && !datasetGiven) {
            out.add(subject.ownBatch());
            return "the verify file's " + subject.ownBatch().size() + " example" + (subject.ownBatch().size() == 1 ? "" : "s");
        }
        DataChoice.Loaded loaded = data.load(seed);
        TrainingData td = loaded.data();
        if (subject.source().equals("layers")) {
            NetworkFit.checkLayers(subject.parameters().spec(), td);
        } else if (subject.source().equals("verify-file")) {
            NetworkFit.checkVerifyFile(subject.parameters().spec(), td, data);
        } else {
            NetworkFit.checkModel(subject.parameters().spec(), td);
        }
        DataSet train = td.train();
        int wanted = batches * batchSize;
        if (wanted > train.size()) {
            throw new UsageException("--batches " + batches + " of --batch " + batchSize + " need " + wanted + " examples but "
                    + train.name() + " has " + train.size() + ".");
        }
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int b = 0; b < batches; b++) {
            out.add(train.batch(order, b * batchSize, (b + 1) * batchSize, null));
        }
        return loaded.description() + "; " + batches + " random batch" + (batches == 1 ? "" : "es") + " of " + batchSize
                + " training examples";
    }

    private static void print(PrintWriter out, Subject subject, String dataText, String etaSource, DiagnoseReport r) {
        out.println("diagnose: " + subject.description());
        out.println("backend " + ReferenceProvider.NAME + " on " + REFERENCE_DEVICE + " (the diagnosis always runs on the reference)");
        out.println("data: " + dataText + "; inputs in [" + num(r.inputMin()) + ", " + num(r.inputMax()) + "], mean " + num(r.inputMean()));
        out.println("update ratios for learning rate " + num(r.learningRate()) + etaSource + "; nothing is trained");
        if (subject.note() != null) {
            out.println(subject.note());
        }
        out.printf("%-6s %-6s %-11s %9s %9s %10s %6s %10s %10s %9s %9s %10s%n", "layer", "units", "activation", "z mean",
                "z std", "saturated", "dead", "|grad w|", "|delta|", "vs above", "|w|", "lr|gw|/|w|");
        for (LayerStatistics s : r.layers()) {
            out.printf("%-6d %-6d %-11s %9s %9s %10s %6s %10s %10s %9s %9s %10s%n", s.layer(), s.units(), s.activation().id(),
                    num(s.preActivationMean()), num(s.preActivationStd()), share(s.saturatedFraction()), share(s.deadFraction()),
                    num(s.weightGradientNorm()), num(s.deltaNorm()), num(s.gradientRatio()), num(s.weightNorm()), num(s.updateRatio()));
        }
        if (r.clean()) {
            out.println("found nothing: no saturated or dead units, the gradient neither vanishes nor explodes, and the "
                    + "steps suit the learning rate");
            return;
        }
        out.println("findings:");
        for (Finding f : r.findings()) {
            out.println("  " + f.advice());
        }
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    /** As the findings write it, so that the table and the findings agree. */
    private static String share(double fraction) {
        return Percent.share(fraction);
    }

    private Map<String, Object> json(Subject subject, String dataText, DiagnoseReport r) {
        Map<String, Object> m = JsonOutput.object("diagnose");
        Map<String, Object> net = new LinkedHashMap<>();
        net.put("layers", r.spec().layers());
        // As in the model file: one name for all hidden layers, a list only when they differ.
        net.put("hidden", r.spec().hasMixedHidden() ? r.spec().hiddenActivations().stream().map(Activation::id).toList() : r.spec().hidden().id());
        net.put("output", r.spec().output().id());
        net.put("cost", r.spec().cost().id());
        m.put("network", net);
        m.put("source", subject.source());
        m.put("backend", ReferenceProvider.NAME);
        m.put("device", REFERENCE_DEVICE);
        m.put("init", subject.source().equals("layers") ? init : null);
        m.put("data", dataText);
        m.put("batches", r.batches());
        m.put("examples", r.examples());
        m.put("lr", r.learningRate());
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("min", finite(r.inputMin()));
        input.put("max", finite(r.inputMax()));
        input.put("mean", finite(r.inputMean()));
        m.put("input", input);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LayerStatistics s : r.layers()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("layer", s.layer());
            x.put("units", s.units());
            x.put("activation", s.activation().id());
            x.put("preActivationMean", finite(s.preActivationMean()));
            x.put("preActivationStd", finite(s.preActivationStd()));
            x.put("saturated", finite(s.saturatedFraction()));
            x.put("dead", finite(s.deadFraction()));
            x.put("weightGradientNorm", finite(s.weightGradientNorm()));
            x.put("deltaRms", finite(s.deltaRms()));
            x.put("deltaNorm", finite(s.deltaNorm()));
            x.put("gradientRatio", finite(s.gradientRatio()));
            x.put("slopeFactor", finite(s.slopeFactor()));
            x.put("weightsGain", finite(s.weightsGain()));
            x.put("weightNorm", finite(s.weightNorm()));
            x.put("updateRatio", finite(s.updateRatio()));
            layers.add(x);
        }
        m.put("layers", layers);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("layer", f.layer());
            x.put("kind", f.kind().id());
            x.put("value", finite(f.value()));
            x.put("advice", f.advice());
            findings.add(x);
        }
        m.put("findings", findings);
        m.put("clean", r.clean());
        return m;
    }

    /** JSON has no NaN: a measurement that does not apply (saturation of a relu, say) is null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
