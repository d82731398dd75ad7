package io.callstream.topology.record;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallKey;
import io.callstream.schemas.CallRecord;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.fold.CallRecordFolder;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Reads a call still in progress out of the fold's stores (for interactive queries): its record folded from the
 * facts known so far, which has no {@code closedBy} yet.
 */
public final class OpenCallReader {

    private final ReadOnlyKeyValueStore<String, Long> openCalls;
    private final ReadOnlyKeyValueStore<String, ArrivedFact> facts;
    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<CallEvent>> events;
    private final EventAdmission admission;
    private final int maxFacts;

    /**
     * @param openCalls the fold's calls without a record ({@link CallRecordProcessor#OPEN_CALLS_STORE})
     * @param facts     the fold's logged facts ({@link CallRecordProcessor#FACTS_STORE})
     * @param events    the fold's event log ({@link CallRecordProcessor#EVENT_LOG_STORE})
     * @param limits    the fold's limits: which events of the log are facts, and how many a call may have
     */
    public OpenCallReader(ReadOnlyKeyValueStore<String, Long> openCalls, ReadOnlyKeyValueStore<String, ArrivedFact> facts,
                          ReadOnlyKeyValueStore<String, ValueAndTimestamp<CallEvent>> events,
                          CallRecordProcessor.Limits limits) {
        this.openCalls = openCalls;
        this.facts = facts;
        this.events = events;
        // Events past the topic's retention, of a dropped call whose key a new one took, are rare enough in a preview
        // of a call in progress that the query side does not learn the retention the fold reads at start.
        this.admission = new EventAdmission(limits.eventTimes(), EventsRetention.FOREVER);
        this.maxFacts = limits.maxFactsPerCall();
    }

    /** The call's record so far, if the call is known and has not been emitted. */
    public Optional<CallRecord> read(String callKey) {
        if (openCalls.get(callKey) == null) {
            return Optional.empty();
        }
        SortedSet<CallFact> known = new TreeSet<>();
        StoredFacts.read(facts, events, callKey, Long.MAX_VALUE, admission, System.currentTimeMillis(), maxFacts).arrived()
                .forEach(arrived -> known.add(arrived.fact()));
        CallKey key = CallKey.parse(callKey);
        CallRecord record = CallRecordFolder.fold(key.sdkAppId(), key.callId(), known, false).record();
        record.setClosedBy(null); // complete but still settling is not closed either: the record is not final yet
        record.setRevision(0);
        return Optional.of(record);
    }
}
