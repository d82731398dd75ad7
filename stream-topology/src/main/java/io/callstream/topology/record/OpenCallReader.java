package io.callstream.topology.record;

import io.callstream.schemas.CallKey;
import io.callstream.schemas.CallRecord;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.fold.CallRecordFolder;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a call still in progress out of the fold's stores (for interactive queries): its record folded from the
 * facts known so far, which has no {@code closedBy} yet.
 */
public final class OpenCallReader {

    private static final StringSerializer KEYS = new StringSerializer();

    private final ReadOnlyKeyValueStore<String, Long> openCalls;
    private final ReadOnlyKeyValueStore<String, ArrivedFact> facts;

    /** @param openCalls the fold's calls without a record ({@link CallRecordProcessor#OPEN_CALLS_STORE}) */
    public OpenCallReader(ReadOnlyKeyValueStore<String, Long> openCalls, ReadOnlyKeyValueStore<String, ArrivedFact> facts) {
        this.openCalls = openCalls;
        this.facts = facts;
    }

    /** The call's record so far, if the call is known and has not been emitted. */
    public Optional<CallRecord> read(String callKey) {
        if (openCalls.get(callKey) == null) {
            return Optional.empty();
        }
        SortedSet<CallFact> known = new TreeSet<>();
        try (KeyValueIterator<String, ArrivedFact> it = facts.prefixScan(CallStateStore.factPrefix(callKey), KEYS)) {
            it.forEachRemaining(kv -> known.add(kv.value.fact()));
        }
        CallKey key = CallKey.parse(callKey);
        CallRecord record = CallRecordFolder.fold(key.sdkAppId(), key.callId(), known, false).record();
        record.setClosedBy(null); // complete but still settling is not closed either: the record is not final yet
        record.setRevision(0);
        return Optional.of(record);
    }
}
