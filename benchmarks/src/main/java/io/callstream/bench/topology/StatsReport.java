package io.callstream.bench.topology;

import io.callstream.bench.Machine;
import io.callstream.topology.StatsConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The statistics benchmark's report (markdown): the headline, then the backlog, the floors and the measured run. */
final class StatsReport {

    /**
     * The measured run's results.
     *
     * @param settings the variables passed through to it, as NAME=value
     * @param stats    the statistics' settings it ran with
     * @param writes   by topic (changelog or statistics topic), what it wrote per {@link TopicWrites}
     */
    record Run(List<String> settings, StatsConfig stats, String warmUp, CommittedProgress progress,
               Map<String, TopicWrites.Count> writes, String peakMemoryMiB) {
    }

    private static final String STREAM_THREAD = "stream thread";
    /** A shorter steady state is a smoke run's: its rate says the run worked, not what a thread carries. */
    private static final double MIN_STEADY_SECONDS = 10;

    private final AppStatsChanges.Settings settings;
    private final AppStatsChanges.Counts backlog;
    private final Map<StreamsFloor.Floor, CommittedProgress> floors;
    private final Run run;
    private final StringBuilder out = new StringBuilder();

    StatsReport(AppStatsChanges.Settings settings, AppStatsChanges.Counts backlog,
                Map<StreamsFloor.Floor, CommittedProgress> floors, Run run) {
        this.settings = settings;
        this.backlog = backlog;
        this.floors = floors;
        this.run = run;
        header();
        headline();
        backlog();
        measured();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void header() {
        out.append(String.format("Measured %s on %s; broker, producer and statistics (RocksDB) in one JVM; "
                        + "Streams settings %s; statistics in %s, published every %d ms.%n%n",
                Instant.now(), Machine.describe(),
                run.settings(), run.stats().zone().id(), run.stats().publishEvery().toMillis()));
    }

    /** The figure docs/architecture.md promises: calls ending per second that one app's statistics keep up with. */
    private void headline() {
        CommittedProgress p = run.progress();
        out.append(String.format("**Calls per second one app's statistics carry (one stream thread): %s** "
                        + "(%s changes/s at steady state ÷ %.3f changes per call: 1 + the revision share).%n%n",
                rate(p, p.steadyRate() / changesPerCall()), rate(p, p.steadyRate()), changesPerCall()));
        if (p.steadySeconds() < MIN_STEADY_SECONDS) {
            out.append(String.format("The steady state lasted %.1f s, too short for a figure: a smoke run. A measurement "
                    + "needs more calls (BENCH_STATS_CALLS).%n%n", p.steadySeconds()));
        }
    }

    private void backlog() {
        out.append("| backlog | value |\n|---|---:|\n");
        row("calls of one app (BENCH_STATS_CALLS), starting over the window that ends at the fill (BENCH_STATS_SPREAD_SECONDS)",
                String.format("%,d over %,d s", settings.calls(), settings.windowSeconds()));
        row("users: callers and 1v1 callees (BENCH_STATS_USERS; group callees are named after their caller)",
                String.format("%,d", settings.users()));
        row(String.format("changes in the topic (one partition): records / revisions (BENCH_STATS_REVISION_SHARE %.2f)",
                settings.revisionShare()), String.format("%,d / %,d", backlog.records(), backlog.revisions()));
        row("JIT warm-up", run.warmUp());
        out.append('\n');
    }

    private void measured() {
        out.append("| measurement | value |\n|---|---:|\n");
        rates();
        cpu();
        writes();
        row("peak resident memory (VmHWM) so far of the one JVM (broker, producer, floors, statistics), MiB", run.peakMemoryMiB());
        out.append('\n');
    }

    private void rates() {
        CommittedProgress p = run.progress();
        floors.forEach((floor, f) -> row(String.format(
                "floor: %s, changes/s at steady state (CPU µs/change: stream thread / broker / all)", floor.description("change")),
                String.format("%s (%.1f / %.1f / %.1f)", rate(f, f.steadyRate()), f.microsPerEvent(STREAM_THREAD),
                        f.microsPerEvent("broker"), f.allMicrosPerEvent())));
        row("statistics at steady state (10% → 90% of the changes committed), changes/s", rate(p, p.steadyRate()));
        row("steady state, s", String.format("%.1f", p.steadySeconds()));
        row("statistics from start to the committed end (startup included), changes/s", String.format("%,.0f", p.overallRate()));
        floors.forEach((floor, f) -> row(String.format("steady statistics / floor with %d put%s per change", floor.puts(),
                floor.puts() == 1 ? "" : "s"), rate(f, p.steadyRate() / f.steadyRate(), "%.2f")));
    }

    private void cpu() {
        CommittedProgress p = run.progress();
        p.cpuSeconds().keySet().forEach(group -> row("CPU per change at steady state: " + group + " (µs)",
                String.format("%.1f", p.microsPerEvent(group))));
        row("CPU per change at steady state: all threads (µs)", String.format("%.1f", p.allMicrosPerEvent()));
    }

    /** By store changelog and statistics topic, as the fold benchmark counts them; then their sum. */
    private void writes() {
        run.writes().forEach((topic, count) -> row("writes per change: " + topic + ", records / key+value bytes", perChange(count)));
        row("writes per change: total, records / key+value bytes",
                perChange(run.writes().values().stream().reduce(TopicWrites.Count.NONE, TopicWrites.Count::plus)));
    }

    /** A rate of a run, or a dash when its steady state fell within one poll of the offsets. */
    private static String rate(CommittedProgress progress, double perSecond) {
        return rate(progress, perSecond, "%,.0f");
    }

    private static String rate(CommittedProgress progress, double value, String format) {
        return progress.steadySeconds() > 0 ? String.format(format, value) : "—";
    }

    private double changesPerCall() {
        return (double) backlog.changes() / backlog.records();
    }

    private String perChange(TopicWrites.Count count) {
        return String.format("%.3f / %.1f", (double) count.records() / backlog.changes(), (double) count.bytes() / backlog.changes());
    }

    private void row(String measurement, String value) {
        out.append("| ").append(measurement).append(" | ").append(value).append(" |\n");
    }
}
