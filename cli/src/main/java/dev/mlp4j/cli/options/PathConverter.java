package dev.mlp4j.cli.options;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Reads every path the command line is given, for all commands and options at once (registered in {@link Main}):
 * an empty value is refused rather than read as the working folder, and a value that is no path at all (a NUL
 * character) gets a sentence instead of Java's exception.
 */
public final class PathConverter implements CommandLine.ITypeConverter<Path> {

    @Override
    public Path convert(String value) {
        if (value.isEmpty()) {
            throw new BadPath("is empty");
        }
        try {
            return Paths.get(value);
        } catch (InvalidPathException e) {
            throw new BadPath("is not a path (" + e.getReason() + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : "") + ")");
        }
    }

    /** The same check for a path option kept as text (--data); named with {@code converter =}, since it is no Path. */
    public static final class Text implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            new PathConverter().convert(value);
            return value;
        }
    }

    /** The sentence for a bad path given to {@code arg}, an option or a positional parameter. */
    public static String sentence(ArgSpec arg, BadPath problem) {
        String label = arg == null ? "PATH" : arg.paramLabel().replaceAll("[<>]", "");
        String what = label.equals("DIR") ? "a folder (. for the current one)" : label.equals("FILE") ? "a file" : "a path";
        String name = arg instanceof OptionSpec o ? "The path given to " + o.longestName() : "The " + label + " path";
        return name + " " + problem.getMessage() + "; give " + what + ".";
    }

    /** A path value that cannot be used; {@link ErrorReporter} turns it into a sentence naming the option. */
    public static final class BadPath extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadPath(String problem) {
            super(problem);
        }
    }
}
