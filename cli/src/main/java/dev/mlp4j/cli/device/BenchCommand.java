package dev.mlp4j.cli.device;

import dev.mlp4j.cli.ExitCodes;
import dev.mlp4j.cli.JsonOutput;
import dev.mlp4j.cli.UsageException;
import dev.mlp4j.cli.options.CommonOptions;
import dev.mlp4j.cli.options.OptionWords;
import dev.mlp4j.cli.options.PathConverter;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendProvider;
import dev.mlp4j.core.backend.BackendUnavailableException;
import dev.mlp4j.core.backend.Backends;
import dev.mlp4j.core.data.DataFolder;
import dev.mlp4j.core.data.DataLocator;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.data.Mnist;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.gpu.opencl.OpenClBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time epochs of training on every available backend and print examples/s and GFLOP/s.",
                "Cases: 784-100-10 at batch 10, 100 and 1000 (under a minute on a CPU); with --full also 784-1024-1024-10 "
                        + "at batch 1000, which on a CPU adds minutes (up to --max-seconds per backend, and a warm-up).",
                "GFLOP/s counts the dense products of a step (forward, backward, weight gradient) whether or not a backend skips zeros."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "50000", description = "Examples per timed epoch. Default: ${DEFAULT-VALUE}.")
    int examples;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "60",
            description = "Cut a case short after this long and report its rate over the examples done. Default: ${DEFAULT-VALUE}.")
    double maxSeconds;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Time N epochs per case and report the median, with the fastest and slowest. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--backends", paramLabel = "NAMES", split = ",", description = "Only these backends, e.g. core,opencl (default: every one; "
            + "one that cannot run here is listed as skipped, with the reason).")
    List<String> only;

    @Option(names = "--case", paramLabel = "LAYERS@BATCH", split = ";",
            description = "Only these cases, e.g. '784,100,10@100' or '784-100-10@100'. Default: the three standard ones (four with --full).")
    List<String> cases;

    @Option(names = "--hidden", paramLabel = "NAME", defaultValue = "sigmoid",
            description = "The hidden layers' activation of every case: sigmoid, tanh, relu or linear. Default: ${DEFAULT-VALUE}.")
    String hidden;

    @Option(names = "--output", paramLabel = "NAME", defaultValue = "sigmoid",
            description = "The output activation of every case, e.g. softmax (with --cost log-likelihood). Default: ${DEFAULT-VALUE}.")
    String output;

    @Option(names = "--cost", paramLabel = "NAME", defaultValue = "cross-entropy",
            description = "The cost of every case: quadratic, cross-entropy or log-likelihood. Default: ${DEFAULT-VALUE}.")
    String cost;

    @Option(names = "--full", description = "Also time the large case, 784-1024-1024-10 at batch 1000 (minutes on a CPU).")
    boolean full;

    @Option(names = "--data", paramLabel = "DIR", converter = PathConverter.Text.class, description = "Time on MNIST from DIR (default: MNIST where found, else random MNIST-shaped data).")
    String data;

    @Mixin
    CommonOptions common = new CommonOptions();

    /** "s/epoch" is always for MNIST's 50,000 training examples, whatever --examples timed. */
    private static final int MNIST_EPOCH = 50_000;

    record Case(NetworkSpec spec, int batch) {
        String label() {
            return spec.layersText() + " @ " + batch;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (examples < 1 || !(maxSeconds > 0) || repeat < 1) {
            throw new UsageException("--examples, --max-seconds and --repeat must be positive.");
        }
        List<BackendProvider> providers = providers();
        List<Case> caseList = caseList();
        DataSet train = trainingData(out);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> skipped = new ArrayList<>();
        BenchTable table = new BenchTable(out, caseList.stream().map(Case::label).toList(), repeat,
                providers.stream().anyMatch(p -> p.name().equals(OpenClBackend.NAME)), MNIST_EPOCH);
        table.header();
        for (BackendProvider p : providers) {
            BackendProvider.Availability a = p.availability(BackendOptions.DEFAULT);
            if (!a.available()) {
                table.notRun("-", p.name(), "not available: " + a.sentence());
                skipped.add(skip(p.name(), a.sentence()));
                continue;
            }
            for (Case c : caseList) {
                Map<String, Object> row;
                try {
                    row = run(p, c, train);
                } catch (BackendUnavailableException e) {
                    // A backend that was available but failed to start: said like one that is not available, the rest still run.
                    table.notRun(c.label(), p.name(), "failed: " + e.getMessage());
                    skipped.add(skip(p.name(), e.getMessage()));
                    break;
                }
                rows.add(row);
                table.row(row);
                out.flush();
            }
        }
        if (!rows.isEmpty()) {
            table.footnotes();
        }
        String error = null;
        if (rows.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            skipped.forEach(m -> reasons.add(m.get("name") + ": " + String.valueOf(m.get("reason")).strip().replaceAll("\\.$", "")));
            error = "No backend could be timed: " + String.join("; ", reasons) + ".";
            spec.commandLine().getErr().println("error: " + error);
        }
        if (common.json) {
            Map<String, Object> json = JsonOutput.object("bench");
            json.put("data", train.name());
            json.put("results", rows);
            json.put("skipped", skipped);
            if (error != null) {
                json.put("error", error);
                json.put("exitCode", ExitCodes.FAILURE);
            }
            JsonOutput.print(out, json);
        }
        return error == null ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** The backends to time: every one, or those --backends names, each of which must exist. */
    private List<BackendProvider> providers() {
        List<BackendProvider> all = Backends.providers();
        if (only == null) {
            return all;
        }
        List<String> known = all.stream().map(BackendProvider::name).toList();
        if (only.isEmpty() || only.stream().anyMatch(String::isBlank)) {
            throw new UsageException("--backends needs backend names, e.g. --backends " + String.join(",", known) + ".");
        }
        for (String name : only) {
            if (!known.contains(name.strip())) {
                throw new UsageException("Unknown backend '" + name + "' in --backends; use " + String.join(", ", known) + ".");
            }
        }
        return all.stream().filter(p -> only.stream().anyMatch(n -> n.strip().equals(p.name()))).toList();
    }

    private static Map<String, Object> skip(String name, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("reason", reason);
        return m;
    }

    private Map<String, Object> run(BackendProvider p, Case c, DataSet train) {
        try (Backend backend = p.create(c.spec(), BackendOptions.DEFAULT)) {
            backend.setParameters(WeightInit.NORMAL_SCALED.initialise(c.spec(), new Random(1)));
            backend.bindTrainingSet(train);
            int[] order = new int[train.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            StepSettings step = new StepSettings(0.1, 0, 0, 0, 0);
            warmUp(backend, order, c, step);
            Timing t = time(backend, order, c, step, Math.min(examples, train.size()));
            double[] rates = t.rates();
            Arrays.sort(rates);
            // The median, because on a shared machine the odd epoch is slowed by others' work.
            double perSecond = rates.length % 2 == 1 ? rates[rates.length / 2]
                    : (rates[rates.length / 2 - 1] + rates[rates.length / 2]) / 2;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("case", c.label());
            row.put("layers", c.spec().layersText());
            row.put("batch", c.batch());
            row.put("backend", p.name());
            row.put("device", backend.info().device());
            row.put("examples", t.done());
            row.put("seconds", t.seconds());
            row.put("examplesPerSecond", perSecond);
            row.put("secondsPerEpoch", MNIST_EPOCH / perSecond);
            row.put("repeats", rates.length);
            row.put("secondsPerEpochMin", MNIST_EPOCH / rates[rates.length - 1]);
            row.put("secondsPerEpochMax", MNIST_EPOCH / rates[0]);
            row.put("gflops", perSecond * flopsPerExample(c.spec()) / 1e9);
            if (p.name().equals(OpenClBackend.NAME)) {
                // The yardstick: CLBlast's SGEMM alone on the same products, no other kernel, no data movement.
                double sgemm = c.batch() / OpenClBackend.trainingSgemmSeconds(c.spec(), c.batch(), sgemmRepeats(c), BackendOptions.DEFAULT);
                row.put("sgemmAloneExamplesPerSecond", sgemm);
                row.put("fractionOfSgemmAlone", perSecond / sgemm);
            }
            return row;
        }
    }

    /** The timed epochs: examples per second of each, the examples the last one reached, and the time in all. */
    private record Timing(double[] rates, int done, double seconds) {
    }

    /** Untimed warm-up: JIT compilation, OpenCL kernel builds and CLBlast's first-use compilation. */
    private static void warmUp(Backend backend, int[] order, Case c, StepSettings step) {
        int size = order.length;
        long warmStart = System.nanoTime();
        for (int b = 0; b < 300 && (b < 2 || System.nanoTime() - warmStart < 1_000_000_000L); b++) {
            int from = (b * c.batch()) % Math.max(1, size - c.batch());
            backend.trainBatch(order, from, Math.min(size, from + c.batch()), step);
            if (b % 20 == 0) {
                backend.drainCostSum();
            }
        }
        backend.drainCostSum();
    }

    /** Up to --repeat epochs of {@code n} examples each; one cut short by --max-seconds is the last. */
    private Timing time(Backend backend, int[] order, Case c, StepSettings step, int n) {
        double[] rates = new double[repeat];
        int done = 0;
        double seconds = 0;
        for (int e = 0; e < repeat; e++) {
            long start = System.nanoTime();
            done = 0;
            while (done < n) {
                int to = Math.min(n, done + c.batch());
                backend.trainBatch(order, done, to, step);
                done = to;
                if ((System.nanoTime() - start) / 1e9 > maxSeconds) {
                    break;
                }
            }
            backend.drainCostSum(); // waits for the device to finish the queued steps
            double s = (System.nanoTime() - start) / 1e9;
            seconds += s;
            rates[e] = done / s;
            if (done < n) {
                rates = Arrays.copyOf(rates, e + 1); // cut short: a slow case is not repeated
                break;
            }
        }
        return new Timing(rates, done, seconds);
    }

    /** Enough SGEMM rounds for about a tenth of the timed epoch, at least 3. */
    private int sgemmRepeats(Case c) {
        return Math.max(3, Math.min(200, examples / c.batch() / 10));
    }

    /** Dense FLOPs of one training example: forward 2·in·out, weight gradient 2·in·out, and wᵀδ above layer 0. */
    static double flopsPerExample(NetworkSpec spec) {
        double f = 0;
        for (int l = 0; l < spec.depth(); l++) {
            double mac = (double) spec.size(l) * spec.size(l + 1);
            f += 2 * mac + 2 * mac + (l > 0 ? 2 * mac : 0);
        }
        return f;
    }

    private List<Case> caseList() {
        List<Case> list = new ArrayList<>();
        if (cases == null) {
            NetworkSpec small = mnistNet(784, 100, 10);
            list.add(new Case(small, 10));
            list.add(new Case(small, 100));
            list.add(new Case(small, 1000));
            if (full) {
                list.add(new Case(mnistNet(784, 1024, 1024, 10), 1000));
            }
            return list;
        }
        if (full) {
            throw new UsageException("--full adds the large case to the standard ones; with --case, list the cases to time there.");
        }
        for (String s : cases) {
            String[] parts = s.split("@");
            if (parts.length != 2) {
                throw new UsageException("Cannot read --case '" + s + "'; write LAYERS@BATCH, e.g. 784,100,10@100.");
            }
            try {
                list.add(new Case(network(NetworkSpec.parseLayers(parts[0])), Integer.parseInt(parts[1].trim())));
            } catch (NumberFormatException e) {
                throw new UsageException("Cannot read the batch size in --case '" + s + "'.");
            } catch (InvalidInputException e) {
                throw new UsageException(OptionWords.sentence(e), e);
            }
            if (list.get(list.size() - 1).batch() < 1) {
                // A batch of 0 never advances: the case would spin until --max-seconds and report 0 examples/s.
                throw new UsageException("The batch size in --case '" + s + "' must be at least 1, e.g. 784,100,10@100.");
            }
            if (list.get(list.size() - 1).spec().inputSize() != 784 || list.get(list.size() - 1).spec().outputSize() != 10) {
                throw new UsageException("Bench cases run on MNIST-shaped data: layers must start with 784 and end with 10.");
            }
        }
        return list;
    }

    private NetworkSpec mnistNet(int... layers) {
        return network(Arrays.stream(layers).boxed().toList());
    }

    /** A case's network: these layers with --hidden, --output and --cost. */
    private NetworkSpec network(List<Integer> layers) {
        try {
            return new NetworkSpec(layers, NetworkSpec.parseHidden(hidden), Activation.fromId(output), Cost.fromId(cost));
        } catch (InvalidInputException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** MNIST's training set where found; else random images as sparse as MNIST's (about 19 % non-zero pixels). */
    private DataSet trainingData(PrintWriter out) {
        // Any MNIST-format data times the same, so none is refused; it is named for what it is.
        DataFolder folder = DataLocator.locate(data, DataLocator.Dataset.MNIST);
        if (folder != null) {
            out.println("data: " + (folder.dataset() == null ? "the training set of unknown files" : folder.name() + " training set") + " from " + folder.dir());
            return Mnist.load(folder.dir()).train();
        }
        if (data != null) {
            DataLocator.require(data, DataLocator.Dataset.MNIST);
        }
        out.println("data: no MNIST found; random MNIST-shaped data (50000 x 784, 19 % non-zero)");
        Random random = new Random(1);
        int n = 50_000;
        float[] x = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat() < 0.19f ? random.nextFloat() : 0f;
        }
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(10);
        }
        return DataSet.classification("random", 784, 10, x, labels);
    }
}
