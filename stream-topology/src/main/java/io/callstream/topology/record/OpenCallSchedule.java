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
 */
final class OpenCallSchedule {

    private final long settleDelayMs;
    private final long idleTimeoutMs;

    OpenCallSchedule(Duration settleDelay, Duration idleTimeout) {
        this.settleDelayMs = settleDelay.toMillis();
        this.idleTimeoutMs = idleTimeout.toMillis();
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
        for (ArrivedFact fact : arrived) {
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
