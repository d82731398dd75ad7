package io.callstream.topology.record;

import io.callstream.topology.fold.CallFact;
import io.callstream.topology.fold.CallRecordFolder;
import java.time.Duration;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where a call without a record stands in its life (R6), worked out from what is stored of it: its facts in the order
 * they arrived, when it was first seen, and its state entry when the punctuator moved its idle deadline.
 *
 * <p>The fold writes no state for such a call when it opens or becomes complete, since both follow from its facts. It
 * became complete with the first fact after which its facts were complete, and settles a settle delay after that fact
 * arrived: facts arriving later leave a settling call's deadline alone. Until then it is due at the idle timeout
 * after it was first seen, unless the punctuator moved that deadline, which it writes.
 *
 * <p>Working out when a call became complete asks its completeness after each of its facts, which costs the square of
 * its facts: bounded by asking only of its first {@value #REPLAYED_FACTS}. A call that becomes complete with more has
 * its state written, as before.
 */
final class OpenCallSchedule {

    /** Calls complete within this many facts are worked out: the emulator's group calls average 17 (docs/architecture.md). */
    static final int REPLAYED_FACTS = 64;

    private final long settleDelayMs;
    private final long idleTimeoutMs;

    OpenCallSchedule(Duration settleDelay, Duration idleTimeout) {
        this.settleDelayMs = settleDelay.toMillis();
        this.idleTimeoutMs = idleTimeout.toMillis();
    }

    /** Whether a call without a record that changes phase with this many facts must have its state written. */
    static boolean isWritten(int facts) {
        return facts > REPLAYED_FACTS;
    }

    /**
     * Sets the phase and deadline of a call read back without a record.
     *
     * @param state       its state entry, or an empty state when it has none, with its facts restored
     * @param arrived     its stored facts in the order they arrived (each distinct, as stored)
     * @param firstSeenMs when the fold first saw it (wall clock)
     */
    void resume(FoldedCall state, List<ArrivedFact> arrived, long firstSeenMs) {
        if (state.phase() == FoldedCall.Phase.SETTLING) {
            return; // written by a version that wrote it: the fold's own decision, whatever its facts say now
        }
        SortedSet<CallFact> known = new TreeSet<>();
        for (ArrivedFact fact : arrived.subList(0, Math.min(arrived.size(), REPLAYED_FACTS))) {
            known.add(fact.fact());
            if (CallRecordFolder.isComplete(known)) {
                state.schedule(FoldedCall.Phase.SETTLING, fact.arrivedMs() + settleDelayMs);
                return;
            }
        }
        if (state.deadlineMs() == 0) {
            state.schedule(FoldedCall.Phase.OPEN, firstSeenMs + idleTimeoutMs);
        }
    }
}
