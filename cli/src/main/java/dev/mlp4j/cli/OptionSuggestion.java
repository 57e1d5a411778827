package dev.mlp4j.cli;

import picocli.CommandLine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an unknown option was probably meant to be: first the names other tools and textbooks give mlp4j's options
 * (--learning-rate, --batch-size, --lambda...), whose spelling is too far from ours for picocli's similarity to find,
 * then picocli's own suggestions for typos. Only options of the command at hand are ever suggested.
 */
final class OptionSuggestion {

    /** Names users bring from PyTorch, Keras, scikit-learn and Nielsen's book, by the option mlp4j calls it. */
    private static final Map<String, List<String>> OTHER_NAMES = Map.of(
            "--lr", List.of("--learning-rate", "--learningrate", "--eta", "--lr-rate", "--rate", "--step-size"),
            "--batch", List.of("--batch-size", "--batchsize", "--mini-batch-size", "--minibatch-size", "--mini-batch",
                    "--minibatch", "--bs"),
            "--epochs", List.of("--epoch", "--num-epochs", "--n-epochs", "--nb-epoch", "--max-epochs"),
            "--l2", List.of("--lambda", "--lmbda", "--weight-decay", "--l2-lambda", "--regularization", "--regularisation",
                    "--reg"),
            "--momentum", List.of("--mu", "--momentum-coefficient"),
            "--layers", List.of("--sizes", "--layer-sizes", "--architecture", "--arch", "--shape"),
            "--hidden", List.of("--activation", "--hidden-activation"),
            "--output", List.of("--output-activation", "--out-activation"),
            "--cost", List.of("--loss", "--cost-function", "--loss-function"),
            "--seed", List.of("--random-seed", "--rng-seed", "--random-state"));

    private OptionSuggestion() {
    }

    /**
     * "Unknown option '--learning-rate'; did you mean --lr?", or null where the first unknown argument is no option or
     * nothing close is known (picocli's message then stands).
     */
    static String sentence(CommandLine.UnmatchedArgumentException e) {
        List<String> unmatched = e.getUnmatched();
        if (unmatched.isEmpty() || !unmatched.get(0).startsWith("--")) {
            return null;
        }
        String given = unmatched.get(0).split("=", 2)[0];
        List<String> meant = suggestions(e.getCommandLine().getCommandSpec(), given, e.getSuggestions());
        if (meant.isEmpty()) {
            return null;
        }
        return "Unknown option '" + given + "'; did you mean " + String.join(" or ", meant) + "?";
    }

    static List<String> suggestions(CommandLine.Model.CommandSpec command, String given, List<String> similar) {
        // "--learning_rate" and "--Learning-Rate" are the same mistake as "--learning-rate".
        String normal = given.toLowerCase(Locale.ROOT).replace('_', '-');
        List<String> known = OTHER_NAMES.entrySet().stream()
                .filter(n -> n.getValue().contains(normal) && command.findOption(n.getKey()) != null)
                .map(Map.Entry::getKey).collect(Collectors.toList());
        if (!known.isEmpty()) {
            return known;
        }
        // picocli ranks by similarity of spelling, and always finds something (--nosuch: --no-progress); only a typo
        // (two letters off) or a shortened name is worth suggesting, and two at most.
        return similar.stream().filter(s -> command.findOption(s) != null && close(normal, s)).limit(2).collect(Collectors.toList());
    }

    private static boolean close(String given, String option) {
        return option.startsWith(given) || given.startsWith(option) || distance(given, option) <= 2;
    }

    /** Levenshtein's edit distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
