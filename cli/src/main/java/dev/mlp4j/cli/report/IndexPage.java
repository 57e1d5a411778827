package dev.mlp4j.cli.report;

import dev.mlp4j.core.train.Evaluation;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** index.html: every picture and table of a report on one self-contained page with relative links. */
final class IndexPage {
    /** Seconds between reloads while training goes on. */
    static final int RELOAD_SECONDS = 30;

    /** One picture or file of the report, as the page shows it. */
    record Entry(String heading, String file, String caption, String extraFile) {
    }

    private IndexPage() {
    }

    static String html(ReportInput in, List<Entry> pictures) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        if (in.inProgress()) {
            sb.append("<meta http-equiv=\"refresh\" content=\"").append(RELOAD_SECONDS).append("\">\n");
        }
        sb.append("<title>").append(escape(in.title())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1300px;padding:0 1em;color:#222}\n")
                .append("h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}\n")
                .append("table{border-collapse:collapse}td,th{padding:.2em .8em;text-align:left;border-bottom:1px solid #eee}\n")
                .append("th{font-weight:600;color:#555}.status{color:#666}img{max-width:100%;border:1px solid #eee}\n")
                .append("figcaption{color:#555;font-size:.9em;max-width:60em}\n</style>\n</head>\n<body>\n");
        sb.append("<h1>").append(escape(in.title())).append("</h1>\n<p class=\"status\">").append(escape(in.status()));
        if (in.inProgress()) {
            sb.append(" (this page reloads every ").append(RELOAD_SECONDS).append(" s while training runs)");
        }
        sb.append("</p>\n<table>\n");
        for (Map.Entry<String, String> f : in.facts().entrySet()) {
            row(sb, f.getKey(), f.getValue());
        }
        Evaluation t = in.test().evaluation();
        if (!Double.isNaN(t.accuracy())) {
            row(sb, "test accuracy", String.format(Locale.ROOT, "%.2f %% (%d of %d)", 100 * t.accuracy(), t.correct(), t.examples()));
        }
        row(sb, "test cost", String.format(Locale.ROOT, "%.4f", t.cost()));
        if (Double.isNaN(t.accuracy())) {
            row(sb, "test mean squared error", String.format(Locale.ROOT, "%.4g", t.meanSquaredError()));
        }
        sb.append("</table>\n");
        for (Entry e : pictures) {
            sb.append("<h2>").append(escape(e.heading())).append("</h2>\n<figure>\n");
            if (e.file().endsWith(".png")) {
                sb.append("<img src=\"").append(escape(e.file())).append("\" alt=\"").append(escape(e.heading())).append("\">\n");
            }
            sb.append("<figcaption>").append(escape(e.caption()));
            if (e.extraFile() != null) {
                sb.append(" <a href=\"").append(escape(e.extraFile())).append("\">").append(escape(e.extraFile())).append("</a>");
            }
            sb.append("</figcaption>\n</figure>\n");
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, String value) {
        sb.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
