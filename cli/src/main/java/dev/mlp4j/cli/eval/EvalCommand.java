package dev.mlp4j.cli.eval;

import dev.mlp4j.cli.ExitCodes;
import dev.mlp4j.cli.JsonOutput;
import dev.mlp4j.cli.options.BackendChoice;
import dev.mlp4j.cli.options.CommonOptions;
import dev.mlp4j.cli.options.DataChoice;
import dev.mlp4j.cli.options.NetworkFit;
import dev.mlp4j.cli.options.OutputPaths;
import dev.mlp4j.cli.options.ProgressOption;
import dev.mlp4j.cli.progress.Progress;
import dev.mlp4j.cli.report.ReportInput;
import dev.mlp4j.cli.report.ReportWriter;
import dev.mlp4j.cli.report.ScoredSet;
import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.Backends;
import dev.mlp4j.core.backend.StepWork;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.train.Evaluation;
import dev.mlp4j.core.train.Evaluator;
import dev.mlp4j.core.train.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a saved model on the test set: accuracy, cost and confusion matrix.")
public final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by 'mlp4j train --save'.")
    Path model;

    @Mixin
    DataChoice data = new DataChoice();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of a generated --example's data.")
    long seed;

    @Option(names = "--report", paramLabel = "DIR", description = "Write the evaluation's pictures to DIR: index.html with the confusion matrix, "
            + "first-layer weights, the network, the most confidently wrong test images, metrics.csv.")
    Path report;

    @Mixin
    BackendChoice backendChoice = new BackendChoice();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Mixin
    CommonOptions common = new CommonOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OutputPaths.checkFolder("--report", report);
        backendChoice.check();
        data.checkOptions();
        Model m = ModelFile.load(model);
        DataChoice.Loaded loaded = data.load(seed);
        TrainingData td = loaded.data();
        NetworkFit.checkModel(m.spec(), td);
        out.println("model: " + model + " (" + m.spec() + ")");
        out.println("data: " + loaded.description());
        Backends.Selection sel = backendChoice.select(m.spec(), StepWork.forward(m.spec(), Evaluator.CHUNK));
        out.println(sel.explanation());
        out.flush();
        ScoredSet scored;
        try (Backend backend = sel.backend();
             Progress p = progress.display(spec.commandLine().getErr()).start("evaluating", td.test().size(), "examples")) {
            backend.setParameters(m.parameters());
            scored = ScoredSet.score(backend, td.test(), p);
        }
        Evaluation e = scored.evaluation();
        if (e.confusion() != null) {
            out.printf("test accuracy %.2f%% (%d of %d), cost %.4f%n", 100 * e.accuracy(), e.correct(), e.examples(), e.cost());
            ConfusionTable.print(out, e.confusion());
        } else {
            out.printf("test mean squared error %.4g, cost %.4f%n", e.meanSquaredError(), e.cost());
        }
        if (report != null) {
            try {
                ReportWriter.write(report, new ReportInput("eval: " + model.getFileName() + ", " + m.spec(),
                        facts(m, loaded, sel), m.parameters(), List.of(), List.of(), scored, "a saved model, evaluated on the test set", false));
            } catch (IOException io) {
                throw OutputPaths.failure("Cannot write the report to " + report, io);
            }
            out.println("report: " + report.resolve(ReportWriter.INDEX));
        }
        if (common.json) {
            Map<String, Object> json = JsonOutput.object("eval");
            json.put("testAccuracy", e.accuracy());
            json.put("cost", e.cost());
            json.put("examples", e.examples());
            json.put("dataset", loaded.dataset());
            json.put("meanSquaredError", e.meanSquaredError());
            json.put("backend", sel.backend().info().name());
            json.put("device", sel.backend().info().device());
            json.put("report", report == null ? null : report.resolve(ReportWriter.INDEX).toString());
            JsonOutput.print(out, json);
        }
        return ExitCodes.OK;
    }

    /** The model's training record as "key value, ...", whole numbers without the ".0" JSON reading gave them. */
    private static String trainingText(Map<String, Object> training) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(training).forEach((k, v) -> {
            sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ');
            sb.append(v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : String.valueOf(v));
        });
        return sb.toString();
    }

    private Map<String, String> facts(Model m, DataChoice.Loaded loaded, Backends.Selection sel) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("model", model.toString());
        facts.put("network", m.spec() + ", " + m.spec().parameterCount() + " parameters");
        if (!m.training().isEmpty()) {
            facts.put("trained", trainingText(m.training()));
        }
        facts.put("data", loaded.description());
        facts.put("backend", sel.backend().info().name() + " on " + sel.backend().info().device());
        return facts;
    }
}
