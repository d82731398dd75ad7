package io.callstream.topology.record;

import io.callstream.schemas.CallRecord;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the fold keeps per call: the distinct facts seen (R2: the state is their set), where the call is in its life
 * (R6), when its next action is due, and the record last emitted.
 */
public final class CallState {

    /** OPEN: not complete, waiting for events or the idle timeout. SETTLING: due for emission at the deadline.
     *  EMITTED: emitted; the deadline is when its state is dropped. */
    public enum Phase { OPEN, SETTLING, EMITTED }

    private final SortedSet<CallFact> facts;
    private Phase phase;
    private long deadlineMs;
    private boolean timedOut;
    private long lastEventMs;
    private CallRecord lastEmitted;

    public CallState(SortedSet<CallFact> facts, Phase phase, long deadlineMs, boolean timedOut, long lastEventMs,
                     CallRecord lastEmitted) {
        this.facts = facts;
        this.phase = phase;
        this.deadlineMs = deadlineMs;
        this.timedOut = timedOut;
        this.lastEventMs = lastEventMs;
        this.lastEmitted = lastEmitted;
    }

    public static CallState empty() {
        return new CallState(new TreeSet<>(), Phase.OPEN, 0, false, 0, null);
    }

    /** Adds a fact; false when it was already known (a retry), which changes nothing. */
    public boolean add(CallFact fact) {
        return facts.add(fact);
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

    void touched(long nowMs) {
        this.lastEventMs = nowMs;
    }

    public CallRecord lastEmitted() {
        return lastEmitted;
    }

    void schedule(Phase next, long deadline) {
        this.phase = next;
        this.deadlineMs = deadline;
    }

    void markTimedOut() {
        this.timedOut = true;
    }

    void emitted(CallRecord record) {
        this.lastEmitted = record;
    }
}
