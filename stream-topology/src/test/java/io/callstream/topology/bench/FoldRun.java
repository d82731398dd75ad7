package io.callstream.topology.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One measured run of the Streams app in the fold benchmark: with the statistics (R7, R8; the product's default) or
 * without them ({@code CALLSTREAM_STATS=false}). Each run has its own application id, hence its own consumer group,
 * changelogs and repartition topic ({@code <application id>-...}), and its own output topics ({@link OutputTopics}),
 * so that runs on one broker neither share state nor count each other's writes.
 */
record FoldRun(boolean stats) {

    private static final String CHANGELOG_SUFFIX = "-changelog";
    private static final String REPARTITION_SUFFIX = "-repartition";

    /**
     * The runs BENCH_STATS asks for, in order: {@code on}, {@code off}, or both separated by commas; {@code both}, the
     * default, is {@code off,on}.
     *
     * <p>Why off first: the live phase adds its calls to callkit.events, which a later run would fold as backlog, so it
     * follows the last run only, and it measures the product's default. What else the order changes is small and of
     * either sign: each run has its own JIT warm-up until the compiler is quiet, its own group from offset 0, and the
     * same backlog, already read by the ceiling and the floors; in one JVM the later run finds call sites it shares
     * with the earlier (Kafka Streams' nodes, serdes) compiled for the earlier run's types too (against it) and the
     * heap already grown (for it), and the broker holds the earlier run's writes. BENCH_STATS=on,off reverses the
     * order to check.
     */
    static List<FoldRun> fromSetting(String setting) {
        List<FoldRun> runs = new ArrayList<>();
        for (String token : setting.toLowerCase(Locale.ROOT).split(",")) {
            switch (token.trim()) {
                case "both" -> runs.addAll(List.of(new FoldRun(false), new FoldRun(true)));
                case "on" -> runs.add(new FoldRun(true));
                case "off" -> runs.add(new FoldRun(false));
                default -> throw new IllegalArgumentException("BENCH_STATS is both, on, off, on,off or off,on; got " + setting);
            }
        }
        if (runs.stream().distinct().count() < runs.size()) {
            throw new IllegalArgumentException("BENCH_STATS names each of on and off at most once; got " + setting);
        }
        return runs;
    }

    String applicationId() {
        return "fold-bench-stats-" + (stats ? "on" : "off");
    }

    String label() {
        return "statistics " + (stats ? "on" : "off");
    }

    OutputTopics outputs() {
        return new OutputTopics(applicationId());
    }

    /** What the run's app is told by the benchmark: statistics on or off, and its output topics. */
    Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>(outputs().variables());
        variables.put("CALLSTREAM_STATS", Boolean.toString(stats));
        return variables;
    }

    /** Whether Kafka Streams created {@code topic} for this run: a changelog or a repartition topic. */
    boolean isInternal(String topic) {
        return topic.startsWith(applicationId() + "-") && (topic.endsWith(CHANGELOG_SUFFIX) || topic.endsWith(REPARTITION_SUFFIX));
    }

    /** Whether {@code topic} is a repartition topic of this run (the statistics' one). */
    boolean isRepartition(String topic) {
        return isInternal(topic) && topic.endsWith(REPARTITION_SUFFIX);
    }

    /**
     * What a topic of this run is, for the report: "changelog of &lt;store&gt;", "repartition topic &lt;name&gt;", or
     * the product topic an output topic stands for.
     */
    String describe(String topic) {
        Optional<String> product = outputs().productName(topic);
        if (product.isPresent()) {
            return product.get();
        }
        String name = topic.substring(applicationId().length() + 1);
        return name.endsWith(CHANGELOG_SUFFIX)
                ? "changelog of " + name.substring(0, name.length() - CHANGELOG_SUFFIX.length())
                : "repartition topic " + name.substring(0, name.length() - REPARTITION_SUFFIX.length());
    }

    /** Among the broker's {@code topics}, those the run writes: its changelogs, its repartition topic, its outputs. */
    List<String> writtenTopics(Collection<String> topics) {
        List<String> written = new ArrayList<>(topics.stream().filter(this::isInternal)
                .sorted(Comparator.comparing(this::isRepartition).thenComparing(t -> t)).toList());
        written.addAll(outputs().names());
        return written;
    }
}
