package io.callstream.topology.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.ClosedBy;
import io.callstream.topology.TopologyConfig;
import io.callstream.topology.fold.CallFact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * What one call, one punctuation and the clock may do to the fold: a call's facts are capped, a callback whose times
 * lie far from its receive time is refused before it changes anything, due work is handled in bounded batches, and
 * after an outage longer than the idle timeout the calls whose ends wait in the backlog are not closed as timeouts
 * (R6).
 */
class CallRecordProcessorLimitsTest {

    private static final long T = 1_795_420_800L;
    private static final long WALL = T * 1000;
    private static final Duration IDLE = TopologyConfig.DEFAULT_IDLE_TIMEOUT;
    private static final long SETTLE = TopologyConfig.DEFAULT_SETTLE_DELAY.toMillis();

    private static CallRecordProcessor.Limits limits(int maxFacts, int maxDue) {
        CallRecordProcessor.Limits defaults = TopologyConfig.defaultLimits();
        return new CallRecordProcessor.Limits(maxFacts, defaults.eventTimes(), maxDue, defaults.catchUpLag());
    }

    private static List<CallFact> finished(String caller, String callee, long start) {
        return List.of(Facts.of("caller_start_call", caller, start), Facts.of("callee_accept_call", callee, start + 5),
                Facts.of("caller_call_accepted", caller, start + 5), Facts.of("caller_call_end", caller, start + 60),
                Facts.of("callee_call_end", callee, start + 60));
    }

    @Test
    void aCallsDistinctFactsAreCappedAndARetryOverTheCapIsStillJustARetry() {
        ProcessorHarness harness = new ProcessorHarness(limits(3, 1000));
        CallRecordProcessor fold = harness.start(WALL);
        List<CallFact> facts = finished("alice", "bob", T);
        harness.send(fold, "big", facts.subList(0, 3), WALL);

        assertThatThrownBy(() -> harness.send(fold, "big", facts.subList(3, 4), WALL))
                .isInstanceOf(RefusedEventException.class)
                .satisfies(e -> assertThat(((RefusedEventException) e).reason())
                        .isEqualTo(RefusedEventException.Reason.TOO_MANY_FACTS));
        harness.send(fold, "big", facts.subList(0, 1), WALL); // a retry of a known fact: no refusal

        CallRecordProcessor restarted = harness.start(WALL, 0); // nothing decoded: the call is read back from its events
        assertThatThrownBy(() -> harness.send(restarted, "big", facts.subList(3, 4), WALL))
                .as("read back, the refused event is not one of its facts: its retry is refused again")
                .isInstanceOf(RefusedEventException.class);
    }

    @Test
    void aCallbackWhoseTimesLieOutsideTheWindowIsRefusedBeforeAnythingChanges() {
        ProcessorHarness harness = new ProcessorHarness();
        CallRecordProcessor fold = harness.start(WALL);
        CallFact start = Facts.of("caller_start_call", "alice", T);
        CallEvent inMilliseconds = ScenarioEvents.event(ProcessorHarness.APP, "ms", start);
        inMilliseconds.setEventTime(T * 1000);

        assertThatThrownBy(() -> harness.send(fold, "ms", inMilliseconds, WALL))
                .isInstanceOf(RefusedEventException.class).hasMessageContaining("EventTime")
                .satisfies(e -> assertThat(((RefusedEventException) e).reason())
                        .isEqualTo(RefusedEventException.Reason.TIMESTAMP_OUT_OF_WINDOW));
        KeyValueStore<String, Long> open = harness.context.getStateStore(CallRecordProcessor.OPEN_CALLS_STORE);
        assertThat(open.approximateNumEntries()).as("no call was opened").isZero();
        harness.punctuate(WALL + IDLE.toMillis() * 2);
        assertThat(harness.emitted()).isEmpty();
    }

    @Test
    void duePunctuationWorkIsHandledInBoundedBatches() {
        ProcessorHarness harness = new ProcessorHarness(limits(2000, 3));
        CallRecordProcessor fold = harness.start(WALL);
        for (int i = 0; i < 10; i++) {
            harness.send(fold, "call-" + i, finished("a" + i, "b" + i, T), WALL);
        }
        List<Integer> batches = new ArrayList<>();
        for (int p = 1; p <= 5; p++) {
            harness.punctuate(WALL + SETTLE + p);
            batches.add(harness.emitted().size());
        }
        assertThat(batches).containsExactly(3, 3, 3, 1, 0);

        // Recorded calls' deadlines are in the store: their state is dropped after the retention, also in batches,
        // and none is skipped by where a full batch stopped.
        long retained = WALL + SETTLE + TopologyConfig.DEFAULT_RETENTION.toMillis() + 10;
        for (int p = 0; p < 4; p++) {
            harness.punctuate(retained + p);
        }
        KeyValueStore<String, ?> states = harness.context.getStateStore(CallRecordProcessor.STATE_STORE);
        assertThat(states.approximateNumEntries()).as("every state dropped").isZero();
    }

    @Test
    void afterAnOutageLongerThanTheIdleTimeoutCallsWhoseEndsWaitInTheBacklogAreNotClosedAsTimeouts() {
        ProcessorHarness harness = new ProcessorHarness();
        CallRecordProcessor before = harness.start(WALL);
        List<CallFact> talk = finished("alice", "bob", T);
        harness.send(before, "ended-in-backlog", talk.subList(0, 3), WALL);
        harness.send(before, "abandoned", List.of(Facts.of("caller_start_call", "carol", T)), WALL);
        before.close(); // the app goes down; the gateway keeps writing callbacks to the topic

        long restart = WALL + IDLE.toMillis() + Duration.ofHours(1).toMillis();
        CallRecordProcessor after = harness.start(restart);
        harness.punctuate(restart + 250); // before the backlog is read
        assertThat(harness.emitted()).as("nothing is idle before the backlog is read").isEmpty();

        // The backlog: the end callbacks, received an hour after the start, read seven hours later.
        harness.send(after, "ended-in-backlog", talk.subList(3, 5), restart + 500);
        harness.punctuate(restart + 750);
        assertThat(harness.emitted()).as("still catching up: abandoned is idle by the wall clock, not yet by the stream")
                .isEmpty();
        harness.punctuate(restart + 500 + SETTLE + 1);
        assertThat(harness.emitted()).singleElement().satisfies(r -> {
            assertThat(r.getCallId()).isEqualTo("ended-in-backlog");
            assertThat(r.getClosedBy()).isNotEqualTo(ClosedBy.timeout);
            assertThat(r.getRevision()).isEqualTo(1);
        });

        // Once the backlog is read (nothing more to read for a while), the abandoned call is idle and closed.
        harness.punctuate(restart + TopologyConfig.DEFAULT_CATCH_UP_LAG.toMillis() * 3);
        List<CallRecord> closed = harness.emitted();
        assertThat(closed).extracting(CallRecord::getCallId).containsExactly("abandoned");
        assertThat(closed.get(0).getClosedBy()).isEqualTo(ClosedBy.timeout);
        harness.punctuate(restart + Duration.ofDays(1).toMillis());
        assertThat(harness.emitted()).as("no revision of either").isEmpty();
    }

    @Test
    void whileCatchingUpACallIdleInStreamTimeIsClosed() {
        ProcessorHarness harness = new ProcessorHarness();
        CallRecordProcessor before = harness.start(WALL);
        harness.send(before, "abandoned", List.of(Facts.of("caller_start_call", "carol", T)), WALL);
        before.close();

        long restart = WALL + Duration.ofHours(20).toMillis();
        CallRecordProcessor after = harness.start(restart);
        // The backlog goes on past the abandoned call's idle timeout in stream time: it is idle there too.
        long later = T + IDLE.toSeconds() + 60;
        harness.send(after, "other", List.of(Facts.of("caller_start_call", "erin", later)), restart + 100);
        harness.punctuate(restart + 200);
        assertThat(harness.emitted()).extracting(CallRecord::getCallId).containsExactly("abandoned");
    }
}
