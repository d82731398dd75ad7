package io.callstream.topology.app;

import io.callstream.topology.stats.processor.StatsListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The statistics' counters in Prometheus: {@code callstream_stats_*_total}. */
final class MeteredStatsListener implements StatsListener {

    private final Counter changes;
    private final Counter nullChanges;
    private final Counter clamped;
    private final Counter removalsNotApplied;
    private final Counter windows;
    private final Counter days;

    MeteredStatsListener(MeterRegistry registry) {
        changes = Counter.builder("callstream.stats.changes").description("Record revisions applied to the statistics").register(registry);
        nullChanges = Counter.builder("callstream.stats.null.changes")
                .description("Records of the statistics' repartition topic without a value, skipped").register(registry);
        clamped = Counter.builder("callstream.stats.spans.clamped")
                .description("Calls in progress longer than the longest span counted (absurd timestamps)").register(registry);
        removalsNotApplied = Counter.builder("callstream.stats.removals.not.applied")
                .description("Participants a revision moved out of a day or type, still counted there (a sketch cannot take them out)")
                .register(registry);
        windows = Counter.builder("callstream.stats.published").tag("topic", "concurrency")
                .description("Windows and days written to their topics, tombstones included").register(registry);
        days = Counter.builder("callstream.stats.published").tag("topic", "daily")
                .description("Windows and days written to their topics, tombstones included").register(registry);
    }

    @Override
    public void changeApplied() {
        changes.increment();
    }

    @Override
    public void nullChange() {
        nullChanges.increment();
    }

    @Override
    public void spanClamped() {
        clamped.increment();
    }

    @Override
    public void removalNotApplied() {
        removalsNotApplied.increment();
    }

    @Override
    public void published(String what, int count) {
        (what.equals("daily") ? days : windows).increment(count);
    }
}
