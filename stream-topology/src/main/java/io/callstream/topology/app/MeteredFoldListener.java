package io.callstream.topology.app;

import io.callstream.topology.record.FoldListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The fold's counters in Prometheus: {@code callstream_fold_*_total}. */
final class MeteredFoldListener implements FoldListener {

    private final Counter nullEvents;
    private final Counter nullRecords;
    private final Counter unknown;
    private final Counter duplicates;
    private final Counter anomalies;
    private final Counter first;
    private final Counter revised;
    private final Counter timedOut;
    private final Counter dropped;
    private final Counter held;
    private final Counter skipped;
    private final Counter readBack;
    private final Counter factsLogged;

    MeteredFoldListener(MeterRegistry registry) {
        nullEvents = Counter.builder("callstream.fold.null.events")
                .description("Records of the events topic without a value, skipped").register(registry);
        nullRecords = Counter.builder("callstream.index.null.records")
                .description("Call records without a value at the query index, skipped").register(registry);
        unknown = Counter.builder("callstream.fold.unknown.events").description("Callbacks of unknown commands, ignored").register(registry);
        duplicates = Counter.builder("callstream.fold.duplicates").description("Callbacks already folded (retries)").register(registry);
        anomalies = Counter.builder("callstream.fold.anomalies").description("Inconsistencies clamped (negative durations)").register(registry);
        first = Counter.builder("callstream.fold.records.emitted").tag("revision", "first").register(registry);
        revised = Counter.builder("callstream.fold.records.emitted").tag("revision", "revised").register(registry);
        timedOut = Counter.builder("callstream.fold.timeouts").description("Calls closed by the idle timeout").register(registry);
        dropped = Counter.builder("callstream.fold.states.dropped").description("Finished calls' state dropped after retention").register(registry);
        held = Counter.builder("callstream.fold.idle.timeouts.held")
                .description("Idle timeouts held back while catching up on a backlog").register(registry);
        readBack = Counter.builder("callstream.fold.calls.read.back")
                .description("Calls read back from RocksDB after leaving the decoded calls (CALLSTREAM_CACHED_CALLS)").register(registry);
        factsLogged = Counter.builder("callstream.fold.facts.logged")
                .description("Facts copied to call-facts: of calls old enough to outlive their events in callkit.events")
                .register(registry);
        skipped = Counter.builder("callstream.fold.skipped.entries")
                .description("Stored call entries skipped: a key not a call's, or bytes that do not decode").register(registry);
    }

    @Override
    public void nullEvent() {
        nullEvents.increment();
    }

    @Override
    public void nullRecord() {
        nullRecords.increment();
    }

    @Override
    public void unknownEvent(String command) {
        unknown.increment();
    }

    @Override
    public void duplicate() {
        duplicates.increment();
    }

    @Override
    public void anomaly() {
        anomalies.increment();
    }

    @Override
    public void emitted(int revision, boolean closedByTimeout) {
        (revision == 1 ? first : revised).increment();
        if (closedByTimeout && revision == 1) {
            timedOut.increment();
        }
    }

    @Override
    public void stateDropped() {
        dropped.increment();
    }

    @Override
    public void factsLogged(int facts) {
        factsLogged.increment(facts);
    }

    @Override
    public void idleTimeoutHeld() {
        held.increment();
    }

    @Override
    public void callReadBack() {
        readBack.increment();
    }

    @Override
    public void skippedEntry() {
        skipped.increment();
    }
}
