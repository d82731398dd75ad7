package io.callstream.bench.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One measured run of the Streams app in the fold benchmark: with the statistics (R7, R8; the product's default) or
 * without them ({@code CALLSTREAM_STATS=false}). Each run has its own application id, hence its own consumer group,
 * changelogs and repartition topic ({@code <application id>-...}), and its own output topics ({@link OutputTopics}),
 * so that runs on one broker neither share state nor count each other's writes ({@link RunTopics}).
 */
record FoldRun(boolean stats, int round) {

    FoldRun(boolean stats) {
        this(stats, 1);
    }

    /** The same run in round {@code round} of BENCH_WARMUP_ROUNDS + BENCH_ROUNDS: its own application id and topics. */
    FoldRun inRound(int round) {
        return new FoldRun(stats, round);
    }

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

    /** Round 1 as ever; a later round's id does not start with round 1's, whose topics are found by that prefix. */
    String applicationId() {
        return "fold-bench-" + (round == 1 ? "" : "round-" + round + "-") + "stats-" + (stats ? "on" : "off");
    }

    String label() {
        return "statistics " + (stats ? "on" : "off") + (round == 1 ? "" : ", round " + round);
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

    /** The topics the run writes, by its application id and output topics. */
    RunTopics topics() {
        return new RunTopics(applicationId(), outputs());
    }
}
