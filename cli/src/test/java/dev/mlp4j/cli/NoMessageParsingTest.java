package dev.mlp4j.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No main code of any module decides anything by reading a message's text: a refusal's parts are read as the fields
 * of its {@link dev.mlp4j.core.Problem}, and a backend's availability reason is a clause that a sentence ends, never
 * one cut short. The scan finds an exception's message or a reason searched, cut or rewritten, directly,
 * through a local variable, or through a method it is handed to, of the same file or of the class the call names.
 */
class NoMessageParsingTest {
    private static final String TEXT_OPS = "indexOf|lastIndexOf|contains|replace|replaceAll|replaceFirst|split|matches|startsWith"
            + "|endsWith|substring|strip|stripTrailing|trim|charAt|regionMatches";
    /** What a refusal's text is read from: an exception's message, a backend's availability reason, a device scan's problem. */
    private static final String MESSAGE = "(?:getMessage|reason|problem)\\(\\)";
    private static final Pattern DIRECT = Pattern.compile(MESSAGE + "\\s*\\.\\s*(" + TEXT_OPS + ")\\(");
    /** The object a message is read from: {@code e.}, {@code a.}, {@code OpenClDevices.scan().}. */
    private static final String OWNER = "(?:\\w+(?:\\(\\))?\\.)+";
    private static final Pattern LOCAL = Pattern.compile("String (\\w+) = " + OWNER + MESSAGE + ";");
    /** A method handed a message: its class where the call names one ({@code Backends.clause(a.reason())}), and its name. */
    private static final Pattern HANDED = Pattern.compile("\\b(?:([A-Z]\\w*)\\.)?(\\w+)\\((?=" + OWNER + MESSAGE + ")");
    private static final Pattern OP = Pattern.compile("\\.(" + TEXT_OPS + ")\\(");
    /** Lines after a local copy or a method's start that the scan reads for text operations on it. */
    private static final int REACH = 12;

    @Test
    void no_main_code_searches_or_rewrites_a_message() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> offenders = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root, 12)) {
            sources = files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")).toList();
        }
        Map<String, List<String>> classes = new HashMap<>();
        for (Path file : sources) {
            classes.put(file.getFileName().toString().replace(".java", ""), Files.readAllLines(file));
        }
        for (Path file : sources) {
            offenders.addAll(offences(root.relativize(file).toString(), Files.readAllLines(file), classes));
        }
        assertTrue(sources.size() > 100, "the scan found the modules' sources under " + root + ": " + sources.size());
        assertTrue(offenders.isEmpty(), "main code reads a message's text:\n" + String.join("\n", offenders));
    }

    @Test
    void the_scan_finds_each_way_of_reading_a_message() {
        assertTrue(!offences("A.java", List.of("if (e.getMessage().startsWith(\"x\")) {")).isEmpty());
        assertTrue(!offences("A.java", List.of("String m = e.getMessage();", "return m.substring(1);")).isEmpty());
        assertTrue(!offences("A.java", List.of("add(clause(e.getMessage()));", "private static String clause(String s) {",
                "return s.endsWith(\".\") ? s : s;")).isEmpty());
        assertTrue(!offences("A.java", List.of("reasons.add(Backends.clause(a.reason()));"), Map.of("Backends", List.of(
                "static String clause(String sentence) {", "return s.endsWith(\".\") ? s.substring(0, s.length() - 1) : s;"))).isEmpty());
        assertTrue(!offences("A.java", List.of("String why = scan.problem().strip().replaceAll(\"x\", \"\");")).isEmpty());
        assertTrue(offences("A.java", List.of("throw new UsageException(e.getMessage(), e);")).isEmpty());
    }

    private static List<String> offences(String name, List<String> lines) {
        return offences(name, lines, Map.of());
    }

    /** @param classes the lines of each class by its simple name, where a method another class calls is declared */
    private static List<String> offences(String name, List<String> lines, Map<String, List<String>> classes) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (DIRECT.matcher(line).find()) {
                found.add(name + ":" + (i + 1) + ": " + line.strip());
            }
            Matcher local = LOCAL.matcher(line);
            if (local.find() && usedAsText(lines, i + 1, local.group(1))) {
                found.add(name + ":" + (i + 1) + ": " + line.strip());
            }
            Matcher handed = HANDED.matcher(line);
            while (handed.find()) {
                List<String> declaring = handed.group(1) == null ? lines : classes.getOrDefault(handed.group(1), lines);
                if (methodReadsText(declaring, handed.group(2))) {
                    found.add(name + ":" + (i + 1) + ": " + line.strip());
                }
            }
        }
        return found;
    }

    private static boolean usedAsText(List<String> lines, int from, String variable) {
        Pattern use = Pattern.compile("\\b" + Pattern.quote(variable) + "\\s*\\.\\s*(" + TEXT_OPS + ")\\(");
        return lines.subList(from, Math.min(lines.size(), from + REACH)).stream().anyMatch(l -> use.matcher(l).find());
    }

    /** Whether the file declares {@code method} with a String first parameter and cuts or searches text in it. */
    private static boolean methodReadsText(List<String> lines, String method) {
        Pattern declaration = Pattern.compile("\\s(static\\s+)?String\\s+" + Pattern.quote(method) + "\\(String ");
        for (int i = 0; i < lines.size(); i++) {
            if (declaration.matcher(lines.get(i)).find()) {
                return lines.subList(i + 1, Math.min(lines.size(), i + 1 + REACH)).stream().anyMatch(l -> OP.matcher(l).find());
            }
        }
        return false;
    }
}
