package dev.mlp4j.cli;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.Backends;
import dev.mlp4j.core.io.Model;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.train.Evaluation;
import dev.mlp4j.core.train.Evaluator;
import dev.mlp4j.core.train.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a saved model on the test set: accuracy, cost and confusion matrix.")
final class EvalCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by 'mlp4j train --save'.")
    Path model;

    @Mixin
    DataChoice data = new DataChoice();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of a generated --example's data.")
    long seed;

    @Mixin
    BackendChoice backendChoice = new BackendChoice();

    @Mixin
    CommonOptions common = new CommonOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Model m = ModelFile.load(model);
        DataChoice.Loaded loaded = data.load(seed);
        TrainingData td = loaded.data();
        TrainCommand.checkFits(m.spec(), td);
        out.println("model: " + model + " (" + m.spec() + ")");
        out.println("data: " + loaded.description());
        Backends.Selection sel = backendChoice.select(m.spec());
        out.println(sel.explanation());
        Evaluation e;
        try (Backend backend = sel.backend()) {
            backend.setParameters(m.parameters());
            e = Evaluator.evaluate(backend, td.test());
        }
        if (e.confusion() != null) {
            out.printf("test accuracy %.2f%% (%d of %d), cost %.4f%n", 100 * e.accuracy(), e.correct(), e.examples(), e.cost());
            ConfusionTable.print(out, e.confusion());
        } else {
            out.printf("test mean squared error %.4g, cost %.4f%n", e.meanSquaredError(), e.cost());
        }
        if (common.json) {
            Map<String, Object> json = JsonOutput.object("eval");
            json.put("testAccuracy", e.accuracy());
            json.put("cost", e.cost());
            json.put("examples", e.examples());
            json.put("meanSquaredError", e.meanSquaredError());
            json.put("backend", sel.backend().info().name());
            JsonOutput.print(out, json);
        }
        return ExitCodes.OK;
    }
}
