package io.callstream.topology.query.index;

import io.callstream.schemas.CallKey;
import io.callstream.schemas.CallRecord;
import io.callstream.topology.SkippedRecordLog;
import io.callstream.topology.record.FoldListener;
import io.callstream.topology.record.RecordRevision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the query stores of {@link RecordIndex} up to date with every record the fold emits: the latest revision per
 * call, its entries in the time and user indexes, and the hourly counts of {@link RecordCounts}. A revision that moved
 * the start time or changed the people replaces the old entries. A wall-clock punctuator drops records that started
 * before the retention (R9). Each record is forwarded with the one it replaced ({@link RecordRevision}), so that the
 * statistics downstream need not keep records of their own; dropping an expired record forwards nothing (statistics
 * outlive records).
 */
public final class RecordIndexProcessor implements Processor<String, CallRecord, String, RecordRevision> {

    private final Duration retention;
    private final Duration sweepEvery;
    private static final Logger LOG = LoggerFactory.getLogger(RecordIndexProcessor.class);

    private final FoldListener listener;
    private final SkippedRecordLog skippedRecords = new SkippedRecordLog(LOG);
    private ProcessorContext<String, RecordRevision> context;
    private KeyValueStore<String, CallRecord> records;
    private KeyValueStore<String, String> byStart;
    private KeyValueStore<String, String> byUser;
    private KeyValueStore<String, Long> counts;
    /**
     * Start times (s) before this were dropped by an earlier sweep, so the next one reads the time index from here:
     * the dropped entries' tombstones would otherwise be stepped over on every sweep until a compaction. Zero after
     * {@link #init}; lowered when a record older than it is indexed (a late revision of an old call).
     */
    private long sweptUpToSec;

    public RecordIndexProcessor(Duration retention, Duration sweepEvery, FoldListener listener) {
        this.retention = retention;
        this.sweepEvery = sweepEvery;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, RecordRevision> context) {
        this.context = context;
        this.records = context.getStateStore(RecordIndex.RECORDS);
        this.byStart = context.getStateStore(RecordIndex.BY_START);
        this.byUser = context.getStateStore(RecordIndex.BY_USER);
        this.counts = context.getStateStore(RecordCounts.STORE);
        this.sweptUpToSec = 0;
        context.schedule(sweepEvery, PunctuationType.WALL_CLOCK_TIME, this::dropExpired);
    }

    @Override
    public void process(Record<String, CallRecord> record) {
        CallRecord next = record.value();
        if (next == null) {
            listener.nullRecord();
            skippedRecords.skipped(context, record.key(), "a call record without a value");
            return;
        }
        String key = record.key() != null ? record.key() : new CallKey(next.getSdkAppId(), next.getCallId()).toString();
        CallRecord previous = records.get(key);
        if (previous != null) {
            unindex(previous);
        }
        records.put(key, next);
        String summary = RecordIndex.Summary.of(next).encode();
        long start = RecordIndex.startOf(next);
        byStart.put(RecordIndex.byStartKey(start, next.getSdkAppId(), next.getCallId()), summary);
        sweptUpToSec = Math.min(sweptUpToSec, start);
        for (String user : RecordIndex.usersOf(next)) {
            byUser.put(RecordIndex.byUserKey(next.getSdkAppId(), user, start, next.getCallId()), summary);
        }
        RecordCounts.add(counts, next, +1);
        context.forward(record.withValue(new RecordRevision(previous, next)));
    }

    /** R9: records that started before now - retention leave every store. The time index is read from its start. */
    private void dropExpired(long nowMs) {
        long cutoffSec = (nowMs - retention.toMillis()) / 1000;
        List<KeyValue<String, String>> expired = new ArrayList<>();
        try (KeyValueIterator<String, String> it = byStart.range(RecordIndex.padded(sweptUpToSec), RecordIndex.padded(cutoffSec))) {
            it.forEachRemaining(expired::add);
        }
        sweptUpToSec = cutoffSec;
        for (KeyValue<String, String> entry : expired) {
            RecordIndex.ParsedStartKey parsed = RecordIndex.parseByStartKey(entry.key);
            String key = new CallKey(parsed.sdkAppId(), parsed.callId()).toString();
            CallRecord record = records.get(key);
            if (record != null && RecordIndex.startOf(record) == parsed.startTs()) {
                unindex(record); // this entry included
                records.delete(key);
            } else {
                byStart.delete(entry.key); // an entry its record no longer has
            }
        }
    }

    private void unindex(CallRecord r) {
        long start = RecordIndex.startOf(r);
        byStart.delete(RecordIndex.byStartKey(start, r.getSdkAppId(), r.getCallId()));
        for (String user : RecordIndex.usersOf(r)) {
            byUser.delete(RecordIndex.byUserKey(r.getSdkAppId(), user, start, r.getCallId()));
        }
        RecordCounts.add(counts, r, -1);
    }
}
