package dev.mlp4j.cli.check;

import dev.mlp4j.cli.ExitCodes;
import dev.mlp4j.cli.JsonOutput;
import dev.mlp4j.cli.UsageException;
import dev.mlp4j.cli.options.CommonOptions;
import dev.mlp4j.cli.options.OptionWords;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.verify.Verifier;
import dev.mlp4j.verify.VerifyReport;
import dev.mlp4j.verify.compare.ArrayComparison;
import dev.mlp4j.verify.compare.Tolerance;
import dev.mlp4j.verify.file.StepClaim;
import dev.mlp4j.verify.file.VerifyFile;
import dev.mlp4j.verify.file.VerifyFileReader;
import dev.mlp4j.verify.mistake.Diagnosis;
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
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a hand-written network's forward pass, δ and gradient (with --step: one training step) against the reference.",
                "",
                "FILE holds the network as the hand-written net keeps it (weights[i][j][k]: from neuron j of layer i to "
                        + "neuron k of layer i+1) and what its code computed; the format is in docs/verify.md. Where numbers "
                        + "differ it names the mistake that reproduces them. Exit code 0 when everything agrees, 1 when "
                        + "something differs or the file is bad, 2 for usage errors."})
public final class VerifyCommand implements Callable<Integer> {
    /** Disagreeing entries printed per array; --json gives all that the comparison kept. */
    private static final int SHOWN = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The verify file (JSON).")
    Path file;

    @Option(names = "--step", description = "Check the training step the file records (learningRate, before, after).")
    boolean step;

    @Option(names = "--tolerance", paramLabel = "REL", defaultValue = "1e-6",
            description = {"Largest relative error that agrees. Default: ${DEFAULT-VALUE} (double precision);",
                    "about 1e-3 for numbers computed in float32."})
    double tolerance;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new UsageException("--tolerance must be between 0 and 1 (exclusive), not " + tolerance + ".");
        }
        Tolerance t = new Tolerance(tolerance);
        VerifyFile f = VerifyFileReader.read(file);
        VerifyReport r = step ? Verifier.verifyStep(f, t, OptionWords.WORDS) : Verifier.verify(f, t, OptionWords.WORDS);
        print(out, f, r);
        if (common.json) {
            JsonOutput.print(out, json(f, r));
        }
        out.flush();
        return r.match() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private void print(PrintWriter out, VerifyFile f, VerifyReport r) {
        out.printf("verify %s: network %s, %s, tolerance %s%n", f.source(), r.spec(), examples(f, r),
                String.format(Locale.ROOT, "%.0e", tolerance));
        section(out, "forward pass (activations)", r.activations(), i -> false);
        section(out, "δ (deltas)", r.deltas(), i -> false);
        Set<Integer> transposed = transposedLayers(f);
        // A weight gradient stored [to][from] is compared as read the other way round: its values may agree, its layout does not.
        section(out, "gradient", r.gradients(), i -> i % 2 == 0 && transposed.contains(i / 2));
        if (!r.step().isEmpty()) {
            StepClaim s = f.step();
            section(out, "step (after − before; η " + number(s.learningRate())
                    + (s.momentum() > 0 ? ", momentum " + number(s.momentum()) : "")
                    + (s.l2() > 0 ? ", L2 λ " + number(s.l2()) + " over n " + s.n() : "") + ")", r.step(), i -> false);
        }
        if (!r.diagnoses().isEmpty()) {
            out.println("diagnosis:");
            for (Diagnosis d : r.diagnoses()) {
                out.printf("  - %s: %s%n", d.kind().id(), d.message());
            }
        }
        for (String note : r.notes()) {
            out.println("note: " + note);
        }
        out.println(r.match() ? "result: everything agrees with the reference" : "result: MISMATCH");
    }

    private static String examples(VerifyFile f, VerifyReport r) {
        if (r.examples() == 1) {
            return "1 example";
        }
        return r.examples() + " examples" + (f.gradients() == null ? "" : " (gradient " + r.reduction().id() + " over the batch)");
    }

    private static Set<Integer> transposedLayers(VerifyFile f) {
        return f.gradients() == null ? Set.of() : f.gradients().transposedWeights();
    }

    /** One section of the report; {@code transposed} tells which arrays (by index) were stored the other way round. */
    private static void section(PrintWriter out, String title, List<ArrayComparison> arrays, IntPredicate transposed) {
        if (arrays.isEmpty()) {
            return;
        }
        boolean all = IntStream.range(0, arrays.size()).allMatch(i -> arrays.get(i).agrees() && !transposed.test(i));
        out.printf("%s: %s%n", title, all ? "agrees" : "DIFFERS");
        int width = arrays.stream().mapToInt(a -> a.name().length()).max().orElse(0);
        for (int i = 0; i < arrays.size(); i++) {
            ArrayComparison a = arrays.get(i);
            String verdict = a.agrees() ? "ok" : a.mismatches() + " of " + a.entries() + " differ";
            if (transposed.test(i)) {
                verdict = "stored [to][from]: " + (a.agrees() ? "the values agree read the other way round" : verdict + " even read the other way round");
            }
            out.printf("  %-" + width + "s  max relative error %-9s %s%n", a.name(), error(a.maxRelativeError()), verdict);
            for (ArrayComparison.Mismatch m : a.first().subList(0, Math.min(SHOWN, a.first().size()))) {
                out.printf("      %s: yours %s, reference %s%n", m.entry(), value(m.claimed()), value(m.expected()));
            }
        }
    }

    private static String error(double e) {
        return e == 0 ? "0" : Double.isInfinite(e) ? "inf" : String.format(Locale.ROOT, "%.1e", e);
    }

    private static String value(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.9g", v);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private Map<String, Object> json(VerifyFile f, VerifyReport r) {
        Map<String, Object> m = JsonOutput.object("verify");
        m.put("file", f.source());
        m.put("mode", step ? "step" : "gradient");
        m.put("match", r.match());
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("layers", r.spec().layers());
        // As in the model file: one name for all hidden layers, a list only when they differ.
        network.put("hidden", r.spec().hasMixedHidden() ? r.spec().hiddenActivations().stream().map(Activation::id).toList() : r.spec().hidden().id());
        network.put("output", r.spec().output().id());
        network.put("cost", r.spec().cost().id());
        m.put("network", network);
        m.put("examples", r.examples());
        m.put("reduction", r.reduction().id());
        m.put("tolerance", r.tolerance().relative());
        m.put("activations", arrays(r.activations(), i -> false));
        m.put("deltas", arrays(r.deltas(), i -> false));
        Set<Integer> transposed = transposedLayers(f);
        m.put("gradients", arrays(r.gradients(), i -> i % 2 == 0 && transposed.contains(i / 2)));
        m.put("layers", layers(r.gradients(), transposedLayers(f)));
        m.put("step", arrays(r.step(), i -> false));
        List<Map<String, Object>> diagnoses = new ArrayList<>();
        for (Diagnosis d : r.diagnoses()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("kind", d.kind().id());
            x.put("arrays", d.arrays());
            x.put("value", d.value() == null ? null : finite(d.value()));
            x.put("message", d.message());
            diagnoses.add(x);
        }
        m.put("diagnoses", diagnoses);
        m.put("notes", r.notes());
        return m;
    }

    /** Each array's comparison; one stored [to][from] says so ({@code "storedToFrom": true}), its values compared read the other way round. */
    private static List<Map<String, Object>> arrays(List<ArrayComparison> arrays, IntPredicate transposed) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < arrays.size(); i++) {
            ArrayComparison a = arrays.get(i);
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("array", a.name());
            if (transposed.test(i)) {
                x.put("storedToFrom", true);
            }
            x.put("entries", a.entries());
            x.put("mismatches", a.mismatches());
            x.put("maxRelativeError", finite(a.maxRelativeError()));
            List<Map<String, Object>> first = new ArrayList<>();
            for (ArrayComparison.Mismatch mm : a.first()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("entry", mm.entry());
                e.put("yours", finite(mm.claimed()));
                e.put("reference", finite(mm.expected()));
                first.add(e);
            }
            x.put("first", first);
            list.add(x);
        }
        return list;
    }

    /** Per weight layer, the worst error of its weights and of its biases: the summary the report leads with. */
    private static List<Map<String, Object>> layers(List<ArrayComparison> gradients, Set<Integer> transposed) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int l = 0; l + 1 < gradients.size(); l += 2) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("layer", l / 2);
            x.put("weightsMaxRelativeError", finite(gradients.get(l).maxRelativeError()));
            x.put("biasesMaxRelativeError", finite(gradients.get(l + 1).maxRelativeError()));
            x.put("match", gradients.get(l).agrees() && gradients.get(l + 1).agrees() && !transposed.contains(l / 2));
            list.add(x);
        }
        return list;
    }

    /** JSON has no NaN or Infinity. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
