package dev.mlp4j.cli.train.checkpoint;

import dev.mlp4j.cli.train.Resumption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which backend trained which epochs of a run. A checkpoint keeps it so that a run resumed more than once, on
 * different backends, can say truthfully where each epoch ran (only the same arithmetic ends on the same bits).
 */
public final class BackendHistory {
    /** Epochs {@code from..to}, 1-based and inclusive, trained on {@code backend}. */
    record Span(String backend, int from, int to) {
    }

    static final String KEY = "backendEpochs";

    private final List<Span> spans;

    private BackendHistory(List<Span> spans) {
        this.spans = List.copyOf(spans);
    }

    public static BackendHistory none() {
        return new BackendHistory(List.of());
    }

    /**
     * From a checkpoint's context: its spans, or, for a checkpoint written before they were kept, all
     * {@code epochsDone} epochs on its one {@code backend}. Spans past {@code epochsDone} are dropped.
     */
    public static BackendHistory fromContext(Map<String, Object> context, int epochsDone) {
        List<Span> spans = new ArrayList<>();
        if (context.get(KEY) instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && m.get("backend") instanceof String b && m.get("from") instanceof Double f
                        && m.get("to") instanceof Double t && f >= 1 && t >= f && f.intValue() <= epochsDone) {
                    spans.add(new Span(b, f.intValue(), Math.min(t.intValue(), epochsDone)));
                }
            }
        } else if (context.get(Resumption.BACKEND) instanceof String b && epochsDone > 0) {
            spans.add(new Span(b, 1, epochsDone));
        }
        return new BackendHistory(spans);
    }

    /** This history with epochs after its last one, up to {@code epoch}, trained on {@code backend}. */
    BackendHistory extendedTo(String backend, int epoch) {
        List<Span> list = new ArrayList<>(spans);
        int last = lastEpoch();
        if (epoch <= last) {
            return this;
        }
        Span tail = list.isEmpty() ? null : list.get(list.size() - 1);
        if (tail != null && tail.backend().equals(backend)) {
            list.set(list.size() - 1, new Span(backend, tail.from(), epoch));
        } else {
            list.add(new Span(backend, last + 1, epoch));
        }
        return new BackendHistory(list);
    }

    int lastEpoch() {
        return spans.isEmpty() ? 0 : spans.get(spans.size() - 1).to();
    }

    /** True when some epoch ran on a backend other than {@code backend}. */
    public boolean anyOtherThan(String backend) {
        return spans.stream().anyMatch(s -> !s.backend().equals(backend));
    }

    /** "epochs 1-6 ran on core, 7 on opencl". */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Span s : spans) {
            String range = s.from() == s.to() ? Integer.toString(s.from()) : s.from() + "-" + s.to();
            if (sb.length() == 0) {
                sb.append(s.from() == s.to() ? "epoch " : "epochs ").append(range).append(" ran on ").append(s.backend());
            } else {
                sb.append(", ").append(range).append(" on ").append(s.backend());
            }
        }
        return sb.toString();
    }

    List<Object> toJson() {
        List<Object> list = new ArrayList<>();
        for (Span s : spans) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("backend", s.backend());
            m.put("from", s.from());
            m.put("to", s.to());
            list.add(m);
        }
        return list;
    }
}
