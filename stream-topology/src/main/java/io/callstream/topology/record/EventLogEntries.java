package io.callstream.topology.record;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * The event log's entries as stored: keys and arrival times, read without decoding a single event. Deleting a
 * call's events needs no more, and runs on each call opened and dropped.
 *
 * <p>Why a call's newest event outlives its deletion: the event log's deletes are local, and a restore (or a standby
 * taking over) puts back every event the topic still has. A call dropped and then opened again under the same key (a
 * callback after its retention) must not take the dropped call's events for its own. So the newest of them stays
 * until its age passes the topic's retention and the clocks' slack ({@link EventLogStore}): while a read may still
 * admit an event of the dropped call, the log holds one too, and the fold sees that the key is used again
 * ({@link CallStateStore#open}). Once none is left, every event the topic may still hold of it is past the retention,
 * which no read admits ({@link EventAdmission}), even if the gateway's clock ran up to the slack ahead of the fold's.
 */
final class EventLogEntries {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<Bytes, byte[]> stored;

    private EventLogEntries(KeyValueStore<Bytes, byte[]> stored) {
        this.stored = stored;
    }

    /** The entries under the layers Kafka Streams wraps a store in (metering, the processor's read-write view). */
    @SuppressWarnings("unchecked")
    static EventLogEntries of(StateStore eventLog) {
        StateStore store = eventLog;
        while (store instanceof WrappedStateStore<?, ?, ?> wrapped) {
            store = wrapped.wrapped();
        }
        return new EventLogEntries((KeyValueStore<Bytes, byte[]>) store);
    }

    /**
     * Deletes the call's entries before {@code beforeOffset} but the newest (by arrival).
     *
     * @return whether the call had any entry there
     */
    boolean forgetAllButNewest(String callKey, long beforeOffset) {
        List<Bytes> entries = new ArrayList<>();
        int newest = -1;
        long newestTimestamp = Long.MIN_VALUE;
        try (KeyValueIterator<Bytes, byte[]> it = stored.prefixScan(StoredFacts.prefix(callKey), KEYS)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                if (EventLogStore.offsetOf(new String(entry.key.get(), StandardCharsets.UTF_8)) >= beforeOffset) {
                    break;
                }
                long timestamp = entry.value.length < Long.BYTES ? Long.MIN_VALUE : EventLogStore.timestampOf(entry.value);
                if (newest < 0 || timestamp >= newestTimestamp) {
                    newest = entries.size();
                    newestTimestamp = timestamp;
                }
                entries.add(entry.key);
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            if (i != newest) {
                stored.delete(entries.get(i));
            }
        }
        return !entries.isEmpty();
    }
}
