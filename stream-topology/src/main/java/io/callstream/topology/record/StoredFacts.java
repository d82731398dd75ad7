package io.callstream.topology.record;

import io.callstream.schemas.CallEvent;
import io.callstream.topology.fold.CallFact;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Where a call's facts are kept, and how they are read back.
 *
 * <p>A call's facts are its admitted events ({@link EventAdmission}), kept by the event log ({@link EventLogStore}:
 * the table over {@code callkit.events}, restored from that topic), so a callback writes no fact of its own. The
 * topic forgets an event after its retention, so a call that may still be needed by then — one older than the fold's
 * {@code logFactsAfter} — has its facts copied once to the logged facts store ({@code call-facts}), and from then on
 * each new fact is written there too. So: a call with logged facts has all of them there (in the order they arrived);
 * any other call's facts are its admitted events in the event log, in offset order.
 */
final class StoredFacts {

    private static final StringSerializer KEYS = new StringSerializer();

    /**
     * @param arrived             the distinct facts, in the order they arrived, at most {@code maxFacts}
     * @param logged              how many are in the logged facts store; -1 when they are read from the event log
     * @param firstEventTimestamp the earliest time of the call's facts in the event log, their arrival or, when
     *                            restored, their record timestamp ({@link Long#MAX_VALUE} when there are none): about
     *                            when the topic starts to forget them
     */
    record Read(List<ArrivedFact> arrived, int logged, long firstEventTimestamp) {
    }

    private StoredFacts() {
    }

    /**
     * The call's facts from the logged store, or else from the event log's entries before {@code beforeOffset} that
     * are facts at {@code nowMs}.
     */
    static Read read(ReadOnlyKeyValueStore<String, ArrivedFact> logged,
                     ReadOnlyKeyValueStore<String, ValueAndTimestamp<CallEvent>> events,
                     String callKey, long beforeOffset, EventAdmission admission, long nowMs, int maxFacts) {
        List<ArrivedFact> arrived = new ArrayList<>();
        try (KeyValueIterator<String, ArrivedFact> it = logged.prefixScan(prefix(callKey), KEYS)) {
            it.forEachRemaining(kv -> arrived.add(kv.value)); // in sequence order: the order they arrived in
        }
        if (!arrived.isEmpty()) {
            return new Read(arrived, arrived.size(), Long.MAX_VALUE);
        }
        Set<CallFact> seen = new HashSet<>();
        long first = Long.MAX_VALUE;
        try (KeyValueIterator<String, ValueAndTimestamp<CallEvent>> it = events.prefixScan(prefix(callKey), KEYS)) {
            while (it.hasNext()) {
                String entry = it.peekNextKey();
                if (EventLogStore.offsetOf(entry) >= beforeOffset) {
                    break;
                }
                KeyValue<String, ValueAndTimestamp<CallEvent>> kv;
                try {
                    kv = it.next();
                } catch (SerializationException e) {
                    continue; // not an event: the fold refused it when it came
                }
                CallEvent event = kv.value.value();
                if (admission.admits(callKey, event, kv.value.timestamp(), nowMs) && seen.size() < maxFacts) {
                    first = Math.min(first, kv.value.timestamp());
                    CallFact fact = CallFact.of(event);
                    if (seen.add(fact)) {
                        arrived.add(new ArrivedFact(fact, kv.value.timestamp()));
                    }
                }
            }
        }
        return new Read(arrived, -1, first);
    }

    /** Length-prefixed, so that no call key is a prefix of another's entries, whatever characters a CallId holds. */
    static String prefix(String callKey) {
        return callKey.length() + ":" + callKey + "#";
    }

    /** The logged store's key of the call's fact number {@code sequence}. */
    static String factKey(String callKey, int sequence) {
        return prefix(callKey) + digits(sequence, 6);
    }

    /** The event log's key of the call's event at {@code offset} of its partition. */
    static String eventKey(String callKey, long offset) {
        return prefix(callKey) + digits(offset, 19);
    }

    private static String digits(long n, int width) {
        String digits = Long.toString(n);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
}
