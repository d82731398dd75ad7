package io.callstream.topology.query.index;

import io.callstream.schemas.CallRecord;
import io.callstream.topology.query.RecordFilter;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * How many records each app has per hour of start time, by {@link RecordIndex.Summary} (type, result, media): store
 * {@value #STORE}, key {@code <sdkAppId>|<hour start, 19 digits>|<summary>}, value the count.
 *
 * <p>Why: the vendor's filter API answers an exact total with every page. Counting a day by its index entries reads
 * each of them (about 11,000 a day per million records over 90 days); with the hourly counts it reads at most a few
 * dozen per hour (one per summary that occurred) and the entries of the partial hours at the range's ends only.
 * One count per key, rather than one document per hour, so that counting a record in is a read and a write of a
 * number: this runs for every record the fold emits.
 */
public final class RecordCounts {

    public static final String STORE = "records-hourly-counts";
    public static final long HOUR = 3600;

    private RecordCounts() {
    }

    static String hourKey(long sdkAppId, long startTs) {
        return sdkAppId + "|" + RecordIndex.padded(Math.floorDiv(startTs, HOUR) * HOUR) + "|";
    }

    /** Counts a record in (+1) or out (-1) of its hour. */
    static void add(KeyValueStore<String, Long> store, CallRecord record, int delta) {
        String key = hourKey(record.getSdkAppId(), RecordIndex.startOf(record)) + RecordIndex.Summary.of(record).encode();
        Long existing = store.get(key);
        long count = (existing == null ? 0 : existing) + delta;
        if (count > 0) {
            store.put(key, count);
        } else {
            store.delete(key);
        }
    }

    /**
     * The records of the filter's app that start in whole hours {@code [fromHour, toHourExclusive)} and whose summary
     * matches the filter (the filter must not name a user or a call: those are not counted here).
     */
    public static long count(ReadOnlyKeyValueStore<String, Long> store, RecordFilter filter, long fromHour, long toHourExclusive) {
        if (fromHour >= toHourExclusive) {
            return 0;
        }
        long total = 0;
        // Every key of an hour starts with its hourKey, which ends in '|'; '}' sorts after '|', so the range's end
        // bound covers the last hour's every summary.
        String from = hourKey(filter.sdkAppId(), fromHour);
        String to = hourKey(filter.sdkAppId(), toHourExclusive - HOUR);
        try (KeyValueIterator<String, Long> it = store.range(from, to.substring(0, to.length() - 1) + "}")) {
            while (it.hasNext()) {
                KeyValue<String, Long> bucket = it.next();
                // Every hour key of one app has the same length (the hour has 19 digits); the summary follows it.
                if (RecordIndex.Summary.decode(bucket.key.substring(from.length())).mayMatch(filter)) {
                    total += bucket.value;
                }
            }
        }
        return total;
    }
}
