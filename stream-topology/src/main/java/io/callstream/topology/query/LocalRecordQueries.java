package io.callstream.topology.query;

import io.callstream.schemas.CallKey;
import io.callstream.schemas.CallRecord;
import io.callstream.topology.record.OpenCallReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Answers queries from the stores of one instance: the part of an answer that this instance holds. A query over
 * several instances merges their {@link Slice}s ({@link StreamsRecordQueries}).
 */
public final class LocalRecordQueries {

    /** Order of records in every answer: start time, then call id (R9 pagination), ascending. */
    public static final Comparator<CallRecord> ORDER = Comparator.comparingLong(RecordIndex::startOf)
            .thenComparing(CallRecord::getCallId);

    /**
     * @param total   how many records match here in all
     * @param records the first {@code take} of them after the cursor, in the filter's order
     */
    public record Slice(long total, List<CallRecord> records) {
    }

    /** Sorts after any character a key may hold (U+10FFFF: UTF-8 F4 8F BF BF). */
    private static final String MAX_CHAR = "\uDBFF\uDFFF";

    private final LocalStores stores;

    public LocalRecordQueries(LocalStores stores) {
        this.stores = stores;
    }

    public Optional<CallRecord> record(long sdkAppId, String callId) {
        return Optional.ofNullable(stores.records().get(new CallKey(sdkAppId, callId).toString()));
    }

    /** Matches of the filter held here: the count of all, and the first {@code take} after {@code after}. */
    public Slice records(RecordFilter filter, Cursor after, int take) {
        if (filter.callId() != null) {
            Optional<CallRecord> one = record(filter.sdkAppId(), filter.callId()).filter(filter::matches);
            List<CallRecord> page = one.filter(r -> isAfter(r, after, filter.descending())).stream().limit(take).toList();
            return new Slice(one.isPresent() ? 1 : 0, page);
        }
        long total = 0;
        List<CallRecord> page = new ArrayList<>();
        try (KeyValueIterator<String, String> it = scan(filter)) {
            while (it.hasNext()) {
                KeyValue<String, String> entry = it.next();
                Candidate c = candidate(filter, entry.key);
                if (c == null || !RecordIndex.Summary.decode(entry.value).mayMatch(filter)) {
                    continue;
                }
                boolean wanted = page.size() < take && isAfter(c.startTs, c.callId, after, filter.descending());
                if (filter.userId() == null && !wanted) {
                    total++; // the summary decided it: no need to read the record just to count it
                    continue;
                }
                CallRecord r = stores.records().get(new CallKey(filter.sdkAppId(), c.callId).toString());
                if (r == null || !filter.matches(r)) {
                    continue;
                }
                total++;
                if (wanted) {
                    page.add(r);
                }
            }
        }
        return new Slice(total, page);
    }

    /** A call still in progress, folded from what is known so far. */
    public Optional<CallRecord> openCall(long sdkAppId, String callId) {
        return reader().read(new CallKey(sdkAppId, callId).toString());
    }

    /** Calls of the app still in progress held here: the count of all and the newest {@code take} by start time. */
    public Slice openCalls(long sdkAppId, int take) {
        OpenCallReader reader = reader();
        List<CallRecord> all = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = stores.openCalls().prefixScan(sdkAppId + "/", new StringSerializer())) {
            it.forEachRemaining(kv -> reader.read(kv.key).ifPresent(all::add));
        }
        all.sort(ORDER.reversed());
        return new Slice(all.size(), all.subList(0, Math.min(take, all.size())));
    }

    private OpenCallReader reader() {
        return new OpenCallReader(stores.callStates(), stores.callFacts());
    }

    private record Candidate(long startTs, String callId) {
    }

    private KeyValueIterator<String, String> scan(RecordFilter f) {
        if (f.userId() != null) {
            String from = RecordIndex.byUserKey(f.sdkAppId(), f.userId(), f.fromTs(), "");
            String to = RecordIndex.byUserKey(f.sdkAppId(), f.userId(), f.toTs(), MAX_CHAR);
            return f.descending() ? stores.byUser().reverseRange(from, to) : stores.byUser().range(from, to);
        }
        String from = RecordIndex.padded(f.fromTs()) + "|";
        String to = RecordIndex.padded(f.toTs()) + "|" + MAX_CHAR;
        return f.descending() ? stores.byStart().reverseRange(from, to) : stores.byStart().range(from, to);
    }

    /** The index entry's start and call, or null when it belongs to another app. */
    private static Candidate candidate(RecordFilter f, String key) {
        if (f.userId() != null) {
            return new Candidate(RecordIndex.startOfUserKey(f.sdkAppId(), f.userId(), key),
                    RecordIndex.callIdOfUserKey(f.sdkAppId(), f.userId(), key));
        }
        RecordIndex.ParsedStartKey parsed = RecordIndex.parseByStartKey(key);
        return parsed.sdkAppId() == f.sdkAppId() ? new Candidate(parsed.startTs(), parsed.callId()) : null;
    }

    private static boolean isAfter(CallRecord r, Cursor after, boolean descending) {
        return isAfter(RecordIndex.startOf(r), r.getCallId(), after, descending);
    }

    static boolean isAfter(long startTs, String callId, Cursor after, boolean descending) {
        if (after == null) {
            return true;
        }
        int c = startTs != after.startCallTs() ? Long.compare(startTs, after.startCallTs()) : callId.compareTo(after.callId());
        return descending ? c < 0 : c > 0;
    }
}
