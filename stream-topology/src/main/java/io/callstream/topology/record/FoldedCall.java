package io.callstream.topology.record;

import io.callstream.schemas.CallRecord;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.stats.OpenSpan;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the fold keeps per call: the distinct facts seen (R2: the state is their set), where the call is in its life
 * (R6), when its next action is due, and the record last emitted.
 *
 * <p>The facts and the rest are stored apart ({@link CallStateStore}): the facts are the call's events in the event
 * log, or, for a call old enough, entries of their own ({@link StoredFacts}). The rest is written only when it does
 * not follow from the facts ({@link OpenCallSchedule}): the count and the last arrival always do.
 */
public final class FoldedCall {

    /** OPEN: not complete, waiting for events or the idle timeout. SETTLING: due for emission at the deadline.
     *  EMITTED: emitted; the deadline is when its state is dropped. */
    public enum Phase { OPEN, SETTLING, EMITTED }

    private final SortedSet<CallFact> facts = new TreeSet<>();
    private Phase phase;
    private long deadlineMs;
    private boolean timedOut;
    private long lastEventMs;
    private CallRecord lastEmitted;
    private byte[] lastEmittedEncoded;
    /** How many facts are in the logged facts store; -1 while they are read from the event log. Not stored. */
    private int loggedFacts = -1;
    /**
     * The earliest record timestamp of the call's events (after a read-back, of its entries in the event log, whose
     * live ones keep their arrival instead): about when the events topic starts to forget them. Not stored.
     */
    private long firstEventTimestamp = Long.MAX_VALUE;
    /** The span last written to the open calls' spans; null when none was or it is not known (not stored). */
    private OpenSpan span;

    /** @param lastEventMs the last arrival known when the state was written; its facts may know a later one */
    public FoldedCall(Phase phase, long deadlineMs, boolean timedOut, long lastEventMs,
                     CallRecord lastEmitted, byte[] lastEmittedEncoded) {
        this.phase = phase;
        this.deadlineMs = deadlineMs;
        this.timedOut = timedOut;
        this.lastEventMs = lastEventMs;
        this.lastEmitted = lastEmitted;
        this.lastEmittedEncoded = lastEmittedEncoded;
    }

    public static FoldedCall empty() {
        return new FoldedCall(Phase.OPEN, 0, false, 0, null, null);
    }

    /** Adds a new fact that arrived at {@code nowMs}; false when it was already known (a retry), which changes nothing. */
    public boolean add(CallFact fact, long nowMs) {
        if (!facts.add(fact)) {
            return false;
        }
        lastEventMs = Math.max(lastEventMs, nowMs);
        return true;
    }

    /** Notes the record timestamp of one of the call's events. */
    void eventAt(long timestamp) {
        firstEventTimestamp = Math.min(firstEventTimestamp, timestamp);
    }

    /** What was read back or written of where the facts are ({@link StoredFacts.Read}). */
    void stored(int logged, long firstTimestamp) {
        this.loggedFacts = logged;
        this.firstEventTimestamp = Math.min(firstEventTimestamp, firstTimestamp);
    }

    int loggedFacts() {
        return loggedFacts;
    }

    long firstEventTimestamp() {
        return firstEventTimestamp;
    }

    /** Whether {@code fact} is one of the call's facts already (a retry). */
    public boolean knows(CallFact fact) {
        return facts.contains(fact);
    }

    /** Adds a fact read back from the store. */
    void restore(ArrivedFact stored) {
        facts.add(stored.fact());
        lastEventMs = Math.max(lastEventMs, stored.arrivedMs());
    }

    public SortedSet<CallFact> facts() {
        return Collections.unmodifiableSortedSet(facts);
    }

    public Phase phase() {
        return phase;
    }

    public long deadlineMs() {
        return deadlineMs;
    }

    public boolean timedOut() {
        return timedOut;
    }

    /** When the last new fact arrived (wall clock): the idle timeout counts from here. */
    public long lastEventMs() {
        return lastEventMs;
    }

    /** How many facts are stored (each distinct fact is stored once): the sequence number the next new fact gets. */
    public int factCount() {
        return facts.size();
    }

    public CallRecord lastEmitted() {
        return lastEmitted;
    }

    /** The last emitted record in its stored form, encoded once per emission rather than once per state write. */
    byte[] lastEmittedEncoded(Function<CallRecord, byte[]> encoder) {
        if (lastEmittedEncoded == null && lastEmitted != null) {
            lastEmittedEncoded = encoder.apply(lastEmitted);
        }
        return lastEmittedEncoded;
    }

    OpenSpan span() {
        return span;
    }

    void span(OpenSpan written) {
        this.span = written;
    }

    void schedule(Phase next, long deadline) {
        this.phase = next;
        this.deadlineMs = deadline;
    }

    /** The deadline came and its index entry was deleted: the next {@code schedule} has no entry to replace. */
    void deadlineReached() {
        this.deadlineMs = 0;
    }

    void markTimedOut() {
        this.timedOut = true;
    }

    void emitted(CallRecord record) {
        this.lastEmitted = record;
        this.lastEmittedEncoded = null;
    }
}
