package io.callstream.bench.topology;

import io.callstream.bench.Machine;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * The fold benchmark's report (markdown): the backlog, the ceiling and the floors; a column per app run; and, with
 * both runs, the statistics' cost as ratios of the run with them to the run without. With more than one round
 * (BENCH_ROUNDS, BENCH_WARMUP_ROUNDS), the headline is the median of the measured rounds' ratios, each round's are
 * listed, warm-up rounds marked, and the tables are the last round's.
 */
final class FoldReport {

    /** Offsets of the statistics' repartition topic not yet committed by them, of all written so far. */
    record Behind(long uncommitted, long written) {
    }

    /**
     * One app run's results.
     *
     * @param settings the variables passed through to the app, as NAME=value
     * @param writes   by topic (changelog, repartition or product topic), what the run wrote per {@link TopicWrites}
     * @param latency  the live phase's, after the last run only
     */
    record AppRun(FoldRun run, List<String> settings, String warmUp, CommittedProgress progress,
                  Optional<Behind> statsBehind, Map<String, TopicWrites.Count> writes, String peakMemoryMiB,
                  Optional<Double> callsReadBack, Optional<Histogram> latency) {
    }

    /**
     * The floors and the app runs of one round, measured one after the other.
     *
     * @param warmUp a round run before those measured (BENCH_WARMUP_ROUNDS): listed, left out of the headline
     */
    record Round(Map<StreamsFloor.Floor, CommittedProgress> floors, List<AppRun> apps, boolean warmUp) {

        /** The headline ratio, the fold with statistics over the three-put floor, when the round measured both. */
        Optional<Double> ratio() {
            return withStatistics().flatMap(run -> threePuts(floors)
                    .map(floor -> run.progress().steadyRate() / floor.steadyRate()));
        }

        Optional<AppRun> withStatistics() {
            return apps.stream().filter(a -> a.run().stats()).findFirst();
        }
    }

    private static Optional<CommittedProgress> threePuts(Map<StreamsFloor.Floor, CommittedProgress> floors) {
        return floors.entrySet().stream().filter(e -> e.getKey().isThreePuts()).map(Map.Entry::getValue).findFirst();
    }

    private static final String STREAM_THREAD = "stream thread";

    private final long events;
    private final double ceiling;
    private final List<Round> rounds;
    private final Map<StreamsFloor.Floor, CommittedProgress> floors;
    private final List<AppRun> apps;
    private final StringBuilder out = new StringBuilder();

    FoldReport(long events, double ceiling, List<Round> rounds) {
        this.events = events;
        this.ceiling = ceiling;
        this.rounds = rounds;
        this.floors = rounds.get(rounds.size() - 1).floors();
        this.apps = rounds.get(rounds.size() - 1).apps();
        header();
        if (rounds.size() > 1) {
            roundsHeadline();
        } else {
            headline();
        }
        baselines();
        runs();
        statisticsCost();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void header() {
        out.append(String.format("Measured %s on %s; %s; Streams settings %s.%n%n",
                Instant.now(), Machine.describe(),
                FoldBenchmark.APP_CPUS == null ? "broker, producer and Streams app (RocksDB) in one JVM"
                        : "each Streams app in a JVM of its own on CPU(s) " + FoldBenchmark.APP_CPUS + ", broker and producer in another",
                apps.get(0).settings()));
        out.append(String.format("App runs (BENCH_STATS=%s), in this order: %s. Each has its own application id, state "
                        + "directory and output topics, and its own JIT warm-up: %s. Repartition topics are not purged, so "
                        + "that their writes are counted. The live phase follows the last run only: its calls join "
                        + "callkit.events, which a later run would fold as backlog.%n%n",
                FoldBenchmark.STATS_SETTING, String.join(", then ", apps.stream().map(a -> a.run().label()).toList()),
                String.join("; ", apps.stream().map(a -> a.run().label() + ", " + a.warmUp()).toList())));
    }

    /**
     * The median of the measured rounds' headline ratios (and of all rounds', warm-up included, when there were any),
     * each round's figures, and which round the tables show.
     */
    private void roundsHeadline() {
        List<Double> ratios = rounds.stream().filter(r -> !r.warmUp()).flatMap(r -> r.ratio().stream()).toList();
        List<Double> all = rounds.stream().flatMap(r -> r.ratio().stream()).toList();
        if (!ratios.isEmpty()) {
            long warmUps = rounds.stream().filter(Round::warmUp).count();
            out.append(String.format("**Steady fold with statistics / floor with 3 puts per event, median of %d round%s: %.2f**%s.%n%n",
                    ratios.size(), ratios.size() == 1 ? "" : "s", median(ratios), warmUps == 0 ? ""
                            : String.format(" after %d warm-up round%s (median of all %d rounds: %.2f)", warmUps,
                            warmUps == 1 ? "" : "s", all.size(), median(all))));
        }
        out.append("| round | fold with statistics, events/s | floor with 3 puts per event, events/s | ratio "
                + "| CPU per event, µs: fold's stream thread / the JVM's GC / JIT in its window; the floor's the same "
                + "| fold: calls read back per event / punctuate-ratio at 90% |\n|---|---:|---:|---:|---|---|\n");
        for (int i = 0; i < rounds.size(); i++) {
            Round round = rounds.get(i);
            Optional<CommittedProgress> fold = round.withStatistics().map(AppRun::progress);
            Optional<CommittedProgress> floor = threePuts(round.floors());
            out.append(String.format("| %d%s | %s | %s | %s | %s; %s | %s |%n", i + 1, round.warmUp() ? " (warm-up)" : "",
                    fold.map(p -> String.format("%,.0f", p.steadyRate())).orElse("—"),
                    floor.map(p -> String.format("%,.0f", p.steadyRate())).orElse("—"),
                    round.ratio().map(r -> String.format("%.2f", r)).orElse("—"),
                    fold.map(FoldReport::cpuOfRound).orElse("—"), floor.map(FoldReport::cpuOfRound).orElse("—"),
                    round.withStatistics().map(this::readBackOfRound).orElse("—")));
        }
        out.append(String.format("%nThe tables below are round %d's.%n%n", rounds.size()));
    }

    /** Where a round's CPU went: whether a round is faster because its code is hotter or because it collects less. */
    private static String cpuOfRound(CommittedProgress p) {
        return String.format("%.1f / %.1f / %.1f", p.microsPerEvent(STREAM_THREAD), p.microsPerEvent("GC"), p.microsPerEvent("JIT"));
    }

    /** Work whose amount depends on the run's pace: calls read back when due, and the punctuator's share. */
    private String readBackOfRound(AppRun app) {
        return app.callsReadBack().map(n -> String.format("%.3f", n / events)).orElse("—") + " / "
                + Optional.ofNullable(app.progress().streamThreadRatios().get("punctuate-ratio"))
                .map(r -> String.format("%.2f", r)).orElse("—");
    }

    /** The middle value; the mean of the two middle ones for an even count. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** The headline measure: the fold with statistics against the three-put floor, when both were measured. */
    private void headline() {
        Optional<AppRun> on = run(true);
        Optional<CommittedProgress> threePuts = threePuts(floors);
        if (on.isPresent() && threePuts.isPresent()) {
            out.append(String.format("**Steady fold with statistics / floor with 3 puts per event: %.2f**%s.%n%n",
                    on.get().progress().steadyRate() / threePuts.get().steadyRate(),
                    run(false).map(off -> String.format(" (without statistics: %.2f)",
                            off.progress().steadyRate() / threePuts.get().steadyRate())).orElse("")));
        }
    }

    /**
     * Where one stream thread's wall-clock time per event goes: on a core, waiting for one (the kernel's run queue), and
     * blocked on Kafka (commits, polls). The three need not add up to the wall time: the kernel counts the first two,
     * Kafka Streams times the third around its own calls. With more stream threads, the wall figure is per thread
     * divided by their number.
     */
    private static final String STREAM_THREAD_TIME = "stream thread's time per event at steady state, µs: wall (1 / rate) "
            + "/ on a core / waiting for a core / blocked on Kafka (Kafka Streams' blocked-time-ns-total)";

    private static String streamThreadTime(CommittedProgress p) {
        return String.format("%.1f / %.1f / %.1f / %.1f", p.wallMicrosPerEvent(), p.microsPerEvent(STREAM_THREAD),
                p.runQueueMicrosPerEvent(STREAM_THREAD), p.blockedMicrosPerEvent());
    }

    private static String streamThreadRatios(CommittedProgress p) {
        return p.streamThreadRatios().isEmpty() ? "—" : String.join(" / ",
                p.streamThreadRatios().values().stream().map(r -> String.format("%.2f", r)).toList());
    }

    private void baselines() {
        out.append("| measurement | value |\n|---|---:|\n");
        out.append(String.format("| calls / events in callkit.events | %,d / %,d |%n", FoldBenchmark.CALLS, events));
        out.append(String.format("| calls in progress at once in the backlog (BENCH_CONCURRENT_CALLS) | %,d |%n",
                FoldBenchmark.CONCURRENT_CALLS));
        out.append(String.format("| plain consumer (ceiling), events/s | %,.0f |%n", ceiling));
        floors.forEach((floor, p) -> out.append(String.format(
                "| floor: %s, events/s at steady state (CPU µs/event: stream thread / broker / all; %s) | %,.0f (%.1f / %.1f / %.1f; %s) |%n",
                floor.description(), STREAM_THREAD_TIME, p.steadyRate(), p.microsPerEvent(STREAM_THREAD),
                p.microsPerEvent("broker"), p.allMicrosPerEvent(), streamThreadTime(p))));
        out.append('\n');
    }

    /** A column per app run, in the order they ran. */
    private void runs() {
        out.append("| measurement |");
        for (int i = 0; i < apps.size(); i++) {
            out.append(String.format(" %s (run %d of %d) |", apps.get(i).run().label(), i + 1, apps.size()));
        }
        out.append("\n|---|").append("---:|".repeat(apps.size())).append('\n');
        row("fold at steady state (10% → 90% of the events committed), events/s",
                a -> String.format("%,.0f", a.progress().steadyRate()));
        row("fold from start to the committed end (startup and restore included), events/s",
                a -> String.format("%,.0f", a.progress().overallRate()));
        row("statistics behind when the fold committed the end of the events: repartition offsets not yet committed / written",
                a -> a.statsBehind().map(b -> String.format("%,d / %,d", b.uncommitted(), b.written())).orElse("—"));
        row("steady fold / ceiling", a -> String.format("%.2f", a.progress().steadyRate() / ceiling));
        floors.forEach((floor, p) -> row(String.format("steady fold / floor with %d put%s per event%s", floor.puts(),
                floor.puts() == 1 ? "" : "s", floor.stores() == 1 ? "" : " over " + floor.stores() + " stores"),
                a -> String.format("%.2f", a.progress().steadyRate() / p.steadyRate())));
        Set<String> groups = new TreeSet<>();
        apps.forEach(a -> groups.addAll(a.progress().cpuSeconds().keySet()));
        groups.forEach(group -> row("CPU per event at steady state: " + group + " (µs)",
                a -> String.format("%.1f", a.progress().microsPerEvent(group))));
        row("CPU per event at steady state: all threads (µs)", a -> String.format("%.1f", a.progress().allMicrosPerEvent()));
        row(STREAM_THREAD_TIME, a -> streamThreadTime(a.progress()));
        row("stream thread's shares at 90% (Kafka Streams' thread metrics): " + String.join(" / ", StreamThreadMetrics.RATIOS),
                a -> streamThreadRatios(a.progress()));
        row("calls read back from RocksDB after leaving the decoded calls (callstream_fold_calls_read_back_total), per backlog event",
                a -> a.callsReadBack().map(n -> String.format("%.3f", n / events)).orElse("—"));
        writtenTopics().forEach(topic -> row("writes per backlog event: " + topic + ", records / key+value bytes",
                a -> Optional.ofNullable(a.writes().get(topic)).map(this::perEvent).orElse("—")));
        row("writes per backlog event: total, records / key+value bytes", a -> perEvent(total(a)));
        row(FoldBenchmark.APP_CPUS == null ? "peak resident memory (VmHWM) so far of the one JVM (broker, producer, apps), MiB"
                : "peak resident memory (VmHWM) so far of the benchmark JVM / of the app's JVM, MiB", AppRun::peakMemoryMiB);
        row(String.format("live: %d calls/s for %d s, records received", FoldBenchmark.LIVE_CALLS_PER_SECOND,
                FoldBenchmark.LIVE_SECONDS), a -> a.latency().map(h -> String.format("%,d", h.getTotalCount())).orElse("—"));
        row(String.format("last event → record, minus the %d s settle delay: p50 / p99 / max (ms)", FoldBenchmark.SETTLE.toSeconds()),
                a -> a.latency().map(h -> String.format("%d / %d / %d", h.getValueAtPercentile(50),
                        h.getValueAtPercentile(99), h.getMaxValue())).orElse("—"));
        out.append('\n');
    }

    /** With both runs: what the statistics cost, as the run with them over the run without. */
    private void statisticsCost() {
        Optional<AppRun> on = run(true);
        Optional<AppRun> off = run(false);
        if (on.isEmpty() || off.isEmpty()) {
            return;
        }
        CommittedProgress with = on.get().progress();
        CommittedProgress without = off.get().progress();
        TopicWrites.Count writesWith = total(on.get());
        TopicWrites.Count writesWithout = total(off.get());
        out.append("| statistics on / statistics off | ratio |\n|---|---:|\n");
        out.append(String.format("| steady fold, events/s | %.2f |%n", with.steadyRate() / without.steadyRate()));
        out.append(String.format("| CPU per event at steady state: stream thread | %.2f |%n",
                with.microsPerEvent(STREAM_THREAD) / without.microsPerEvent(STREAM_THREAD)));
        out.append(String.format("| CPU per event at steady state: all threads | %.2f |%n",
                with.allMicrosPerEvent() / without.allMicrosPerEvent()));
        out.append(String.format("| writes per backlog event: total, records / key+value bytes | %.2f / %.2f |%n",
                (double) writesWith.records() / writesWithout.records(), (double) writesWith.bytes() / writesWithout.bytes()));
    }

    private void row(String measurement, Function<AppRun, String> value) {
        out.append("| ").append(measurement).append(" |");
        apps.forEach(a -> out.append(' ').append(value.apply(a)).append(" |"));
        out.append('\n');
    }

    /**
     * Every topic any run wrote, in the order of the run that wrote to the most (with statistics: all of them):
     * changelogs, the repartition topic, then the records and statistics topics.
     */
    private Set<String> writtenTopics() {
        Set<String> topics = new LinkedHashSet<>();
        apps.stream().sorted(Comparator.comparingInt((AppRun a) -> a.writes().size()).reversed())
                .forEach(a -> topics.addAll(a.writes().keySet()));
        return topics;
    }

    private String perEvent(TopicWrites.Count count) {
        return String.format("%.3f / %.1f", (double) count.records() / events, (double) count.bytes() / events);
    }

    private static TopicWrites.Count total(AppRun app) {
        return app.writes().values().stream().reduce(TopicWrites.Count.NONE, TopicWrites.Count::plus);
    }

    private Optional<AppRun> run(boolean stats) {
        return apps.stream().filter(a -> a.run().stats() == stats).findFirst();
    }
}
