package dev.mlp4j.cli;

import dev.mlp4j.cli.check.DiagnoseCommand;
import dev.mlp4j.cli.check.GradcheckCommand;
import dev.mlp4j.cli.check.VerifyCommand;
import dev.mlp4j.cli.device.BenchCommand;
import dev.mlp4j.cli.device.DevicesCommand;
import dev.mlp4j.cli.download.DownloadCommand;
import dev.mlp4j.cli.eval.EvalCommand;
import dev.mlp4j.cli.options.PathConverter;
import dev.mlp4j.cli.predict.PredictCommand;
import dev.mlp4j.cli.train.TrainCommand;
import dev.mlp4j.gpu.aparapi.AparapiLog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** The {@code mlp4j} command: a thin dispatcher to one class per subcommand. */
@Command(name = "mlp4j", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Multilayer perceptrons with proven gradients: train, evaluate, check.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, GradcheckCommand.class, DevicesCommand.class, BenchCommand.class,
                DownloadCommand.class, VerifyCommand.class, DiagnoseCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        // Ctrl-C while training: stop after the batch, save, then exit (run disarms it once the command has ended);
        // before that, a line that says so. What the command prints goes through writers that can put that line last.
        Interruption.install();
        System.exit(run(Interruption.stdout(), Interruption.stderr(), args));
    }

    /** Runs the command line and returns its exit code: 0 success, 1 failure, 2 usage error. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #run(String...)}, writing to the given streams (for embedding and tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        RawArgs.set(args);
        // Aparapi's log lines go to the process's stderr, bypassing the command's writers; what they say, mlp4j says.
        AparapiLog.show(Arrays.asList(args).contains("--verbose"));
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(new ErrorReporter());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Every subcommand's paths at once (they are all added by now): an empty one is a usage error.
        cli.registerConverter(Path.class, new PathConverter());
        // A signal before the command arms its own handling (train's, once training starts) says which command it
        // ended: the first argument that names one until picocli has parsed them, then the command picocli runs.
        AtomicReference<String> command = new AtomicReference<>(
                Arrays.stream(args).filter(cli.getSubcommands()::containsKey).findFirst().orElse(cli.getCommandName()));
        cli.setExecutionStrategy(parsed -> {
            CommandLine.ParseResult leaf = parsed;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            command.set(leaf.commandSpec().name());
            return new CommandLine.RunLast().execute(parsed);
        });
        // Failure, as for an uncaught Error, until the command returns its code.
        int code = ExitCodes.FAILURE;
        // Only where Main.main installed the hook does a signal print this (and only until disarm, below).
        Interruption.armReport(command::get, Arrays.asList(args).contains("--json"));
        try {
            try {
                code = cli.execute(args);
            } catch (OutOfMemoryError e) {
                // picocli hands only Exceptions to the handlers; an Error would otherwise end as a stack trace.
                err.println("error: " + ErrorReporter.sentence(e));
                if (Arrays.asList(args).contains("--json")) {
                    JsonOutput.error(out, args.length > 0 ? args[0] : "mlp4j", ErrorReporter.sentence(e), ExitCodes.FAILURE);
                }
                code = ExitCodes.FAILURE;
            }
            out.flush();
            err.flush();
        } finally {
            // Everything is written and printed (or an Error escapes): a signal that came meanwhile may end the process now.
            Interruption.disarm(code);
        }
        return code;
    }

    @CommandLine.Spec
    CommandSpec spec;

    /** No command given: a mistake, as an unknown one is, so the usage goes to stderr and the exit code is 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
