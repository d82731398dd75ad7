package io.callstream.topology.record;

/**
 * What the fold reports as it goes, for metrics. The topology stays free of I/O: the application passes an
 * implementation backed by its meter registry, tests one that counts.
 */
public interface FoldListener {

    FoldListener NONE = new FoldListener() {
    };

    /** A record of the events topic without a value (a tombstone): nothing to fold, skipped. */
    default void nullEvent() {
    }

    /** A call record without a value reached the query index (the fold emits none); skipped. */
    default void nullRecord() {
    }

    /** A callback of a command this version does not know; ignored by the fold. */
    default void unknownEvent(String command) {
    }

    /** A callback already folded (the sender's retry); changes nothing. */
    default void duplicate() {
    }

    /** An inconsistency clamped by the fold (R3: a negative duration). */
    default void anomaly() {
    }

    /** A record emitted; {@code revision > 1} means a late event changed an emitted record (R6). */
    default void emitted(int revision, boolean timedOut) {
    }

    /** A finished call's state dropped after the retention. */
    default void stateDropped() {
    }

    /** An open call past its idle timeout by the wall clock, kept open while the task catches up on a backlog. */
    default void idleTimeoutHeld() {
    }

    /**
     * A call read back from the stores: it had left the decoded calls ({@code CALLSTREAM_CACHED_CALLS}) before its next
     * callback or its deadline. Many per callback mean the decoded calls are fewer than the calls in progress and
     * settling.
     */
    default void callReadBack() {
    }

    /** A stored call entry that cannot be a call's (bad key, undecodable), skipped by the sweep or the restore. */
    default void skippedEntry() {
    }

    /** A call old enough to outlive its events' retention had its {@code facts} facts logged. */
    default void factsLogged(int facts) {
    }
}
