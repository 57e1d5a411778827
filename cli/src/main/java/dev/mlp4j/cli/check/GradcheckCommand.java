package dev.mlp4j.cli.check;

import dev.mlp4j.cli.ExitCodes;
import dev.mlp4j.cli.JsonOutput;
import dev.mlp4j.cli.UsageException;
import dev.mlp4j.cli.options.BackendChoice;
import dev.mlp4j.cli.options.CommonOptions;
import dev.mlp4j.cli.options.OptionWords;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.Backends;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.backend.ReferenceProvider;
import dev.mlp4j.core.backend.StepWork;
import dev.mlp4j.core.check.GradientCheck;
import dev.mlp4j.core.check.GradientCheckReport;
import dev.mlp4j.core.check.GradientComparison;
import dev.mlp4j.core.check.RandomBatch;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.nn.WeightInit;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

@Command(name = "gradcheck", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = GradcheckCommand.CoreByDefault.class,
        description = {"Check backprop's gradient on a random network and batch.",
                "With --backend core (the default here): against central finite differences in double precision.",
                "With another backend (or auto, when it chooses one): against core's gradient, within float32 tolerance.",
                "Without --hidden/--output/--cost every valid combination is checked."})
public final class GradcheckCommand implements Callable<Integer> {
    /** float32 backends against the float64 reference: 1e-4 relative above an absolute floor of 1e-6. */
    static final double FLOAT_RELATIVE = 1e-4;
    static final double FLOAT_FLOOR = 1e-6;
    /** Finite differences in float64 (DL4J's default bounds). */
    static final double EPSILON = 1e-6;
    static final double REFERENCE_RELATIVE = 1e-3;
    static final double REFERENCE_FLOOR = 1e-8;

    /** A finite-difference check is the point of the command, so unlike train and eval it runs on core unless told otherwise. */
    static final class CoreByDefault implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            return arg instanceof OptionSpec o && o.longestName().equals("--backend") ? ReferenceProvider.NAME : null;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--layers", paramLabel = "N,N,...", defaultValue = "4,5,3", description = "Layer sizes, separated by commas or hyphens (4-5-3). Default: ${DEFAULT-VALUE}.")
    String layers;

    @Option(names = "--hidden", paramLabel = "ACT[,ACT...]", description = "Hidden activation, one for all hidden layers or one "
            + "per hidden layer, e.g. relu,sigmoid (default: each of sigmoid, tanh, relu, linear for all).")
    String hidden;

    @Option(names = "--output", paramLabel = "ACT", description = "Output activation (default: all valid).")
    String output;

    @Option(names = "--cost", paramLabel = "COST", description = "Cost (default: all valid).")
    String cost;

    @Option(names = "--batch", paramLabel = "M", defaultValue = "4", description = "Examples in the random batch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the random network and batch.")
    long seed;

    @Option(names = "--l2", paramLabel = "LAMBDA_OVER_N", defaultValue = "0", description = "L2 scale λ/n included in the cost.")
    double l2Scale;

    @Option(names = "--epsilon", description = "Finite-difference step, core only (other backends are compared with core's gradient, "
            + "not with finite differences). Default: 1e-6.")
    Double epsilon;

    @Option(names = "--max-relative-error", description = "Largest relative error that passes, on every backend. "
            + "Default: 1e-3 on core (against finite differences), 1e-4 on float32 backends (against core's gradient).")
    Double maxRelativeError;

    @Option(names = "--min-absolute-error", description = "Differences below this always pass, on every backend. "
            + "Default: 1e-8 on core, 1e-6 on float32 backends.")
    Double minAbsoluteError;

    @Mixin
    BackendChoice backendChoice = new BackendChoice();

    @Mixin
    CommonOptions common = new CommonOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        double eps = checkNumbers();
        List<NetworkSpec> specs = specs();
        backendChoice.check();
        Checked last = null;
        Totals totals = new Totals(0, 0, 0, true);
        for (NetworkSpec s : specs) {
            last = check(out, s, eps, last == null);
            totals = totals.plus(last.report());
            printResult(out, s, last);
        }
        out.println(totals.passed() ? "gradient check passed" : "gradient check FAILED");
        if (!totals.passed()) {
            spec.commandLine().getErr().println("error: the gradient check failed for " + totals.failed() + " of " + totals.checked()
                    + " parameters (largest relative error " + String.format("%.3g", totals.worst()) + "); the lines above name them.");
        }
        if (common.json) {
            Map<String, Object> json = JsonOutput.object("gradcheck");
            json.put("passed", totals.passed());
            json.put("maxRelativeError", totals.worst());
            json.put("checked", totals.checked());
            json.put("failed", totals.failed());
            json.put("networks", specs.size());
            json.put("backend", last.backend());
            json.put("device", last.device());
            json.put("maxRelativeErrorAllowed", last.relative());
            json.put("minAbsoluteError", last.floor());
            json.put("epsilon", last.backend().equals(ReferenceProvider.NAME) ? eps : null);
            JsonOutput.print(out, json);
        }
        return totals.passed() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** One network's check: the report, where it ran, and the bounds it was held to. */
    private record Checked(GradientCheckReport report, String backend, String device, double relative, double floor) {
    }

    /** The reports so far, added up. */
    private record Totals(int checked, int failed, double worst, boolean passed) {
        Totals plus(GradientCheckReport r) {
            return new Totals(checked + r.checked(), failed + r.failed(), Math.max(worst, r.maxRelativeError()), passed && r.passed());
        }
    }

    /** Usage errors in the numbers; the finite-difference step. */
    private double checkNumbers() {
        if (batch < 1) {
            throw new UsageException("--batch must be at least 1, not " + batch + ".");
        }
        double eps = epsilon == null ? EPSILON : epsilon;
        if (!(eps > 0) || !(maxRelativeError == null || maxRelativeError > 0) || !(minAbsoluteError == null || minAbsoluteError >= 0)
                || !(l2Scale >= 0) || Double.isInfinite(eps + l2Scale + (maxRelativeError == null ? 0 : maxRelativeError)
                + (minAbsoluteError == null ? 0 : minAbsoluteError))) {
            throw new UsageException("--epsilon and --max-relative-error must be positive numbers, --min-absolute-error and --l2 zero or positive (all finite).");
        }
        return eps;
    }

    /**
     * Checks one network's gradient on the backend chosen for it: core against central finite differences, any other
     * against core's gradient. The first network also prints the backend and what the gradient is compared with.
     */
    private Checked check(PrintWriter out, NetworkSpec s, double eps, boolean first) {
        Random random = new Random(seed);
        Parameters p = WeightInit.NORMAL_SCALED.initialise(s, random);
        Batch b = RandomBatch.of(s, batch, random);
        StepSettings settings = StepSettings.gradientOnly(l2Scale, 0, 0);
        Backends.Selection sel = backendChoice.select(s, StepWork.training(s, batch));
        try (Backend backend = sel.backend()) {
            boolean reference = backend.info().name().equals(ReferenceProvider.NAME);
            double relative = maxRelativeError != null ? maxRelativeError : reference ? REFERENCE_RELATIVE : FLOAT_RELATIVE;
            double floor = minAbsoluteError != null ? minAbsoluteError : reference ? REFERENCE_FLOOR : FLOAT_FLOOR;
            if (first) {
                if (!reference && epsilon != null) {
                    throw new UsageException("--epsilon is the finite-difference step of --backend core; backend " + backend.info().name()
                            + " is compared with core's gradient instead, so leave --epsilon out or use --backend core.");
                }
                out.println(sel.explanation());
                out.println(reference
                        ? String.format(Locale.ROOT, "against central finite differences, epsilon %.3g; passes below relative error %.3g or absolute %.3g", eps, relative, floor)
                        : String.format(Locale.ROOT, "against core's gradient (float64); passes below relative error %.3g or absolute %.3g", relative, floor));
            }
            String name = backend.info().name();
            if (reference) {
                GradientCheckReport report = new GradientCheck(eps, relative, floor).check(p, b, settings);
                return new Checked(report, name, backend.info().device() + ", central differences, eps " + eps, relative, floor);
            }
            backend.setParameters(p);
            Gradients actual = backend.gradients(b, settings);
            try (ReferenceBackend ref = new ReferenceBackend(s)) {
                ref.setParameters(p);
                GradientCheckReport report = GradientComparison.compare(actual, ref.gradients(b, settings), relative, floor);
                return new Checked(report, name, backend.info().device(), relative, floor);
            }
        }
    }

    /** The network's line, and where it failed the arrays that failed with their worst entry. */
    private static void printResult(PrintWriter out, NetworkSpec s, Checked c) {
        GradientCheckReport report = c.report();
        out.printf("%-40s %s  max relative error %.2e over %d parameters%s%n", s, report.passed() ? "ok  " : "FAIL",
                report.maxRelativeError(), report.checked(), withinFloor(report, c.relative(), c.floor()));
        if (!report.passed()) {
            for (GradientCheckReport.ArrayResult a : report.arrays()) {
                if (a.failed() > 0) {
                    out.printf("    %s: %d of %d fail; worst at index %d: analytic %.10g, expected %.10g%n",
                            a.name(), a.failed(), a.checked(), a.worstIndex(), a.analytic(), a.numeric());
                }
            }
        }
    }

    /**
     * Why a check that passed shows a relative error above the bound: its worst entry differs by less than the floor
     * (tiny derivatives, where rounding dominates); empty otherwise.
     */
    static String withinFloor(GradientCheckReport report, double relative, double floor) {
        if (!report.passed() || !(report.maxRelativeError() > relative)) {
            return "";
        }
        GradientCheckReport.ArrayResult w = report.arrays().stream()
                .max(Comparator.comparingDouble(GradientCheckReport.ArrayResult::maxRelativeError)).orElseThrow();
        return String.format(Locale.ROOT, " (at %s[%d], |a - n| = %.1e is below the absolute floor %.3g: rounding on a tiny"
                + " derivative, not a wrong gradient)", w.name(), w.worstIndex(), Math.abs(w.analytic() - w.numeric()), floor);
    }

    private List<NetworkSpec> specs() {
        List<Integer> sizes;
        List<NetworkSpec> list = new ArrayList<>();
        try {
            sizes = NetworkSpec.parseLayers(layers);
            List<List<Activation>> hiddens = hidden == null
                    ? smoothAndRelu().stream().map(List::of).toList() : List.of(NetworkSpec.parseHidden(hidden));
            List<Activation> outputs = output == null ? List.of(Activation.values()) : List.of(Activation.fromId(output));
            List<Cost> costs = cost == null ? List.of(Cost.values()) : List.of(Cost.fromId(cost));
            for (List<Activation> h : hiddens) {
                for (Activation o : outputs) {
                    for (Cost c : costs) {
                        boolean explicit = output != null && cost != null;
                        if (c.incompatibility(o) == null || explicit) {
                            list.add(new NetworkSpec(sizes, h, o, c));
                        }
                    }
                }
            }
        } catch (InvalidInputException e) {
            throw new UsageException(OptionWords.sentence(e), e);
        }
        return list;
    }

    private static List<Activation> smoothAndRelu() {
        return List.of(Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.LINEAR);
    }
}
