package io.callstream.topology.fold;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.topology.record.CallScenarios;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Rule R2 as a property: any permutation of a call's callbacks, with any of them repeated, folds to the record of the
 * callbacks in the order they happened — and that record shows what the scenario says happened (R3-R6).
 */
class FoldPropertiesTest {

    private static final long SEED = Long.getLong("callstream.seed", 20261123L);
    private static final int CALLS = Integer.getInteger("callstream.calls", 2_000);

    @Test
    void anyOrderAndAnyDuplicatesFoldToTheSameCorrectRecord() {
        Random random = new Random(SEED);
        CallScenarios scenarios = new CallScenarios(random);
        java.util.Map<String, Integer> byResult = new java.util.TreeMap<>();
        for (int i = 0; i < CALLS; i++) {
            CallScenarios.Scenario s = scenarios.next();
            CallRecordFolder.Folded ordered = CallRecordFolder.fold(1L, s.callId(), s.facts(), false);

            List<CallFact> shuffled = new ArrayList<>(s.facts());
            for (int d = random.nextInt(s.facts().size() + 1); d > 0; d--) {
                shuffled.add(s.facts().get(random.nextInt(s.facts().size()))); // the sender's retries
            }
            Collections.shuffle(shuffled, random);
            CallRecordFolder.Folded permuted = incrementally(s.callId(), shuffled);

            String context = "seed " + SEED + ", call " + i + " " + s.callId() + " " + shuffled;
            assertThat(permuted).as(context).isEqualTo(ordered);
            CallRecord r = ordered.record();
            assertThat(r.getCallResult()).as(context).isEqualTo(s.result());
            assertThat(ordered.complete()).as(context).isEqualTo(s.complete());
            assertThat(r.getCaller()).as(context).isEqualTo(s.caller());
            assertThat(r.getCallees()).as(context).containsExactlyElementsOf(s.callees());
            assertThat(r.getAcceptTs()).as(context).isEqualTo(s.acceptTs());
            assertThat(r.getEndTs()).as(context).isEqualTo(s.endTs());
            assertThat(r.getDurationSec()).as(context).isEqualTo(s.durationSec());
            assertThat(r.getParticipants()).as(context).hasSize(s.participants());
            assertThat(r.getEventCount()).as(context).isEqualTo(s.facts().size());
            byResult.merge(s.result() == null ? "open" : s.result().name(), 1, Integer::sum);
        }
        // The generator covered every result a call's own callbacks can decide, and open calls. (unknown needs the
        // idle timeout: CallRecordFolderTest and the topology tests cover it.)
        assertThat(byResult.keySet()).containsExactlyInAnyOrder("call_busy", "cancel", "failed", "interrupt",
                "normal_end", "not_answer", "open", "reject");
    }

    /**
     * Folding as the processor does: one callback at a time into the state, the record from the final state. After
     * every callback, the processor's cheap completeness check must agree with the full fold (R6).
     */
    private static CallRecordFolder.Folded incrementally(String callId, List<CallFact> arrivals) {
        java.util.SortedSet<CallFact> state = new java.util.TreeSet<>();
        CallRecordFolder.Folded last = CallRecordFolder.fold(1L, callId, state, false);
        for (CallFact fact : arrivals) {
            state.add(fact);
            last = CallRecordFolder.fold(1L, callId, state, false);
            assertThat(CallRecordFolder.isComplete(state)).as("isComplete after %s of %s", fact, arrivals)
                    .isEqualTo(last.complete());
        }
        return last;
    }
}
