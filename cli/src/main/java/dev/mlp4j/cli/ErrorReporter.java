package dev.mlp4j.cli;

import dev.mlp4j.cli.options.OptionWords;
import dev.mlp4j.cli.options.PathConverter;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.MessageText;
import dev.mlp4j.core.backend.BackendUnavailableException;
import dev.mlp4j.core.io.IoErrors;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.util.Arrays;

/**
 * Turns every exception into one sentence on stderr and an exit code; the stack trace only with --verbose. Under
 * --json the last stdout line is still one JSON object, carrying the error.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        int code = e instanceof UsageException ? ExitCodes.USAGE : ExitCodes.FAILURE;
        String message = sentence(e);
        report(cli, message, code, e);
        return code;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String message = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException u && u.getUnmatched().contains("")) {
            // picocli leaves an empty argument unmatched, even where a path is expected (predict's IMAGE).
            message = "An argument is empty (''); give a path or a value there, or leave it out.";
        } else if (e instanceof CommandLine.UnmatchedArgumentException u && cli.getCommandSpec().parent() == null
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            // picocli's "Unmatched arguments from index 0" does not say that a command was expected.
            message = "Unknown command '" + u.getUnmatched().get(0) + "'; use one of " + String.join(", ", cli.getSubcommands().keySet()) + ".";
        } else if (e instanceof CommandLine.UnmatchedArgumentException u && OptionSuggestion.sentence(u) != null) {
            message = OptionSuggestion.sentence(u);
        }
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof InvalidInputException invalid) {
                message = OptionWords.sentence(invalid);
            } else if (cause instanceof UsageException) {
                message = cause.getMessage();
            } else if (cause instanceof PathConverter.BadPath bad) {
                message = PathConverter.sentence(e.getArgSpec(), bad);
            }
            cause = cause.getCause();
        }
        report(cli, message + " (see '" + cli.getCommandSpec().qualifiedName() + " --help')", ExitCodes.USAGE, e);
        return ExitCodes.USAGE;
    }

    private static void report(CommandLine cli, String raw, int code, Exception e) {
        // Messages quote file contents and arguments: a NUL or an escape sequence must not reach the terminal raw,
        // and a value a million numbers long must not make the line megabytes long.
        String message = MessageText.line(raw);
        PrintWriter err = cli.getErr();
        err.println("error: " + message);
        if (isVerbose(cli)) {
            e.printStackTrace(err);
        }
        err.flush();
        if (isJson(cli)) {
            JsonOutput.error(cli.getOut(), cli.getCommandName(), message, code);
        }
    }

    static String sentence(Throwable e) {
        if (e instanceof InvalidInputException invalid) {
            return OptionWords.sentence(invalid);
        }
        if (e instanceof UsageException || e instanceof BackendUnavailableException) {
            return e.getMessage();
        }
        if (e instanceof OutOfMemoryError) {
            return "Out of memory; run with more heap (JAVA_OPTS=-Xmx8g ./mlp4j ..., or java -Xmx8g -jar mlp4j.jar ...) or use a smaller network or batch.";
        }
        if (e instanceof FileSystemException f) {
            // The commands say what they were doing where they can; this is the last resort.
            return "I/O error on " + f.getFile() + (f.getOtherFile() == null ? "" : " and " + f.getOtherFile()) + ": "
                    + IoErrors.reason(f) + ".";
        }
        if (e instanceof IOException io) {
            return "I/O error: " + IoErrors.reason(io) + ".";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m) + " (run with --verbose for the stack trace).";
    }

    private static boolean isVerbose(CommandLine cli) {
        return optionSet(cli, "--verbose");
    }

    /**
     * --json anywhere in the arguments asks for the JSON error line, even where the error is that the command or an
     * option is unknown, so the command that was meant to take --json was never reached.
     */
    private static boolean isJson(CommandLine cli) {
        return optionSet(cli, "--json") || Arrays.asList(RawArgs.get()).contains("--json");
    }

    private static boolean optionSet(CommandLine cli, String name) {
        CommandLine.ParseResult r = cli.getParseResult();
        if (r != null && r.hasMatchedOption(name)) {
            return true;
        }
        // A parse error leaves no parse result, or one that stops before the option; fall back to the raw arguments.
        return cli.getCommandSpec().options().stream().anyMatch(o -> o.longestName().equals(name))
                && Arrays.asList(RawArgs.get()).contains(name);
    }
}
