package io.callstream.topology.query.local;

import io.callstream.schemas.CallKey;
import io.callstream.schemas.CallRecord;
import io.callstream.topology.query.Cursor;
import io.callstream.topology.query.QueryDeadline;
import io.callstream.topology.query.RecordFilter;
import io.callstream.topology.query.cluster.StreamsRecordQueries;
import io.callstream.topology.query.index.RecordCounts;
import io.callstream.topology.query.index.RecordIndex;
import io.callstream.topology.record.CallRecordProcessor;
import io.callstream.topology.record.OpenCallReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers queries from the stores of one instance: the part of an answer that this instance holds. A query over
 * several instances merges their {@link Slice}s ({@link StreamsRecordQueries}).
 */
public final class LocalRecordQueries {

    /** Order of records in every answer: their positions' {@link Cursor#ORDER} (start time, then call id). */
    public static final Comparator<CallRecord> ORDER = Comparator.comparing(Cursor::of, Cursor.ORDER);

    /**
     * @param total   how many records match here in all
     * @param records the first {@code take} of them after the cursor, in the filter's order
     */
    public record Slice(long total, List<CallRecord> records) {
    }

    /**
     * @param total   how many records match here in all
     * @param entries the first {@code take} of them after the cursor, in the filter's order, as positions: a query
     *                merges the entries of every partition and instance first and reads only the page's records
     */
    public record IndexSlice(long total, List<Cursor> entries) {
    }

    /** Sorts after any character a key may hold (U+10FFFF: UTF-8 F4 8F BF BF). */
    private static final String MAX_CHAR = "\uDBFF\uDFFF";

    /** How many entries a scan reads between two looks at its deadline. */
    private static final int ENTRIES_PER_DEADLINE_CHECK = 1024;

    private final LocalStores stores;
    private final QueryDeadline deadline;
    private final CallRecordProcessor.Limits foldLimits;

    /** @param foldLimits the fold's limits: which of a call's events are its facts ({@link OpenCallReader}) */
    public LocalRecordQueries(LocalStores stores, CallRecordProcessor.Limits foldLimits) {
        this(stores, QueryDeadline.NONE, foldLimits);
    }

    /** @param deadline when the scans stop ({@link QueryDeadline#check}) */
    public LocalRecordQueries(LocalStores stores, QueryDeadline deadline, CallRecordProcessor.Limits foldLimits) {
        this.stores = stores;
        this.deadline = deadline;
        this.foldLimits = foldLimits;
    }

    public Optional<CallRecord> record(long sdkAppId, String callId) {
        return Optional.ofNullable(stores.records().get(new CallKey(sdkAppId, callId).toString()));
    }

    /** Matches of the filter held here: the count of all, and the first {@code take} after {@code after}. */
    public Slice records(RecordFilter filter, Cursor after, int take) {
        IndexSlice slice = entries(filter, after, take);
        return new Slice(slice.total(), recordsOf(filter.sdkAppId(), slice.entries()));
    }

    /**
     * Matches of the filter held here, from the indexes alone: their count, and the positions of the first
     * {@code take} after {@code after}. The index entries carry what filters look at (start, app, type, result, media;
     * the user by the index chosen), so no record is read.
     */
    public IndexSlice entries(RecordFilter filter, Cursor after, int take) {
        if (filter.callId() != null) {
            Optional<CallRecord> one = record(filter.sdkAppId(), filter.callId()).filter(filter::matches);
            List<Cursor> page = one.filter(r -> isAfter(r, after, filter.descending())).map(Cursor::of).stream().limit(take).toList();
            return new IndexSlice(one.isPresent() ? 1 : 0, page);
        }
        if (filter.userId() != null) {
            return scanned(filter, after, take, filter.fromTs(), filter.toTs(), true); // one user's calls: few entries
        }
        return new IndexSlice(count(filter), scanned(filter, after, take, filter.fromTs(), filter.toTs(), false).entries());
    }

    /**
     * The matches between {@code from} and {@code to} (inclusive), counted if asked ({@code count}), and the first
     * {@code take} after the cursor. Without a count, the scan starts at the cursor and stops at {@code take}.
     */
    private IndexSlice scanned(RecordFilter filter, Cursor after, int take, long from, long to, boolean count) {
        if (!count && after != null) {
            from = filter.descending() ? from : Math.max(from, after.startCallTs());
            to = filter.descending() ? Math.min(to, after.startCallTs()) : to;
        }
        long total = 0;
        List<Cursor> page = new ArrayList<>();
        if (from > to || (!count && take == 0)) {
            return new IndexSlice(0, page);
        }
        long read = 0;
        try (KeyValueIterator<String, String> it = scan(filter, from, to)) {
            while (it.hasNext()) {
                if (++read % ENTRIES_PER_DEADLINE_CHECK == 0) {
                    deadline.check();
                }
                KeyValue<String, String> entry = it.next();
                Candidate c = candidate(filter, entry.key);
                if (c == null || !RecordIndex.Summary.decode(entry.value).mayMatch(filter)) {
                    continue;
                }
                total++;
                if (page.size() < take && isAfter(c.startTs, c.callId, after, filter.descending())) {
                    page.add(new Cursor(c.startTs, c.callId));
                } else if (!count && page.size() >= take) {
                    break;
                }
            }
        }
        return new IndexSlice(total, page);
    }

    /** The filter's exact total: the whole hours from {@link RecordCounts}, the partial hours at both ends scanned. */
    private long count(RecordFilter filter) {
        long firstWholeHour = Math.floorDiv(filter.fromTs() + RecordCounts.HOUR - 1, RecordCounts.HOUR) * RecordCounts.HOUR;
        long endOfWholeHours = Math.floorDiv(filter.toTs() - RecordCounts.HOUR + 1, RecordCounts.HOUR) * RecordCounts.HOUR
                + RecordCounts.HOUR; // (toTs + 1) rounded down to the hour, without overflowing at Long.MAX_VALUE
        if (endOfWholeHours <= firstWholeHour) {
            return scanned(filter, null, 0, filter.fromTs(), filter.toTs(), true).total();
        }
        return scanned(filter, null, 0, filter.fromTs(), firstWholeHour - 1, true).total()
                + RecordCounts.count(stores.counts(), filter, firstWholeHour, endOfWholeHours)
                + scanned(filter, null, 0, endOfWholeHours, filter.toTs(), true).total();
    }

    /**
     * The records at these positions, in their order.
     *
     * @throws InvalidStateStoreException when one is not here: its partition moved since it was listed (retry)
     */
    public List<CallRecord> recordsOf(long sdkAppId, List<Cursor> entries) {
        ReadOnlyKeyValueStore<String, CallRecord> records = stores.records();
        List<CallRecord> found = new ArrayList<>(entries.size());
        for (Cursor entry : entries) {
            CallRecord r = records.get(new CallKey(sdkAppId, entry.callId()).toString());
            if (r == null) {
                throw new InvalidStateStoreException("record " + entry.callId() + " is no longer in this instance's stores");
            }
            found.add(r);
        }
        return found;
    }

    /** A call still in progress, folded from what is known so far. */
    public Optional<CallRecord> openCall(long sdkAppId, String callId) {
        return reader().read(new CallKey(sdkAppId, callId).toString());
    }

    /**
     * Calls of the app still in progress held here: the count of all, and the newest {@code take} by start time after
     * the cursor (null: from the newest; newest first, so "after" means older).
     */
    public Slice openCalls(long sdkAppId, Cursor after, int take) {
        OpenCallReader reader = reader();
        List<CallRecord> all = new ArrayList<>();
        long read = 0;
        try (KeyValueIterator<String, Long> it = stores.openCalls().prefixScan(sdkAppId + "/", new StringSerializer())) {
            while (it.hasNext()) {
                if (++read % ENTRIES_PER_DEADLINE_CHECK == 0) {
                    deadline.check();
                }
                reader.read(it.next().key).ifPresent(all::add);
            }
        }
        List<CallRecord> page = all.stream().filter(r -> isAfter(r, after, true)).sorted(ORDER.reversed()).limit(take).toList();
        return new Slice(all.size(), page);
    }

    private OpenCallReader reader() {
        return new OpenCallReader(stores.openCalls(), stores.callFacts(), stores.callEvents(), foldLimits);
    }

    private record Candidate(long startTs, String callId) {
    }

    private KeyValueIterator<String, String> scan(RecordFilter f, long fromTs, long toTs) {
        if (f.userId() != null) {
            String from = RecordIndex.byUserKey(f.sdkAppId(), f.userId(), fromTs, "");
            String to = RecordIndex.byUserKey(f.sdkAppId(), f.userId(), toTs, MAX_CHAR);
            return f.descending() ? stores.byUser().reverseRange(from, to) : stores.byUser().range(from, to);
        }
        String from = RecordIndex.padded(fromTs) + "|";
        String to = RecordIndex.padded(toTs) + "|" + MAX_CHAR;
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
        int c = Cursor.compare(startTs, callId, after);
        return descending ? c < 0 : c > 0;
    }
}
