package io.callstream.topology.record;

import io.callstream.schemas.CallEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.CommitCallback;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedBytesStore;

/**
 * The fold's event log: every event of {@code callkit.events}, as the table over that topic puts it, kept under
 * {@code <length>:<call key>#<offset, 19 digits>} ({@link StoredFacts#eventKey}) with when it arrived, so that a
 * call's events are one prefix in the order they arrived. Its arrival is the wall clock when the fold took it, or,
 * for an event restored from the topic, its record timestamp (when the gateway took it).
 *
 * <p>Why: a call's facts are its events, so keeping the events is keeping the facts, and the events need no changelog
 * of their own: the topology reuses {@code callkit.events} as this store's changelog
 * ({@code reuse.ktable.source.topics}), and a restore puts each record back under its own offset.
 *
 * <p>The topic forgets an event after {@code retention}, and so does this store, an hour later (the clocks' slack): a
 * restore skips older records, and the store visits its entries in key order, from where the last visit stopped, and
 * deletes older ones. On an active task the fold deletes a call's events when it drops the call, so the visits only
 * find what no call took (refused events, the newest event of a dropped call, and, after a restore, the events of
 * calls dropped before it): a quarter of an entry per put suffices, and keeps such an entry at most five retentions.
 * A standby drops no call, and an active task drops none while it restores, so a restored batch visits twice as many
 * entries as it puts: such a store keeps an event at most one and a half retentions.
 */
public final class EventLogStore implements KeyValueStore<Bytes, byte[]>, TimestampedBytesStore {

    /** Puts between two visits of the stored entries; each visit looks at a quarter as many entries. */
    static final int VACUUM_EVERY = 512;

    private final KeyValueStore<Bytes, byte[]> inner;
    private final long retentionMs;
    private StateStoreContext context;
    private int putsSinceVacuum;
    /** Where the next visit starts; null for the first key. */
    private Bytes vacuumFrom;

    EventLogStore(String name, Duration retention) {
        this.inner = Stores.persistentKeyValueStore(name).get();
        this.retentionMs = retention.toMillis();
    }

    /** @param retention the {@code retention.ms} of {@code callkit.events} */
    public static KeyValueBytesStoreSupplier supplier(String name, Duration retention) {
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new EventLogStore(name, retention);
            }

            @Override
            public String metricsScope() {
                return "rocksdb";
            }
        };
    }

    /** The serde of the table's values: events as this store keeps them, without their raw query and body. */
    public static Serde<CallEvent> values() {
        return new EventLogValues();
    }

    /** The offset an entry's key ends with. */
    static long offsetOf(String entryKey) {
        return Long.parseLong(entryKey.substring(entryKey.lastIndexOf('#') + 1));
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        this.context = context;
        inner.init(new Registering(context), root);
    }

    /**
     * A restored batch: its values are {@code <timestamp><event>}, as Kafka Streams converts them, and kept as the
     * table's puts keep them ({@link EventLogValues}); what is no event is no fact, and what the topic keeps past its
     * retention (it deletes whole segments) is no longer one: neither is kept.
     */
    private void restoreBatch(Collection<ConsumerRecord<byte[], byte[]>> records) {
        long now = System.currentTimeMillis();
        List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            byte[] value = record.value();
            if (record.key() == null || value == null || value.length < Long.BYTES || expired(value, now)) {
                continue;
            }
            byte[] event = EventLogValues.compact(Arrays.copyOfRange(value, Long.BYTES, value.length));
            if (event != null) {
                byte[] kept = ByteBuffer.allocate(Long.BYTES + event.length).putLong(timestampOf(value)).put(event).array();
                entries.add(KeyValue.pair(entryKey(record.key(), record.offset()), kept));
            }
        }
        inner.putAll(entries);
        vacuum(now, 2 * records.size());
    }

    /**
     * The table's put of the event being processed: kept under its offset, with the wall clock in place of its record
     * timestamp. The fold counts a call's idle time and settle delay from when it saw the call's events, and a call
     * read back must be due exactly when it was before it left the decoded calls. A tombstone is no event: nothing to
     * keep.
     */
    @Override
    public void put(Bytes key, byte[] value) {
        if (value == null) {
            return;
        }
        long now = context instanceof ProcessingContext processing ? processing.currentSystemTimeMs()
                : System.currentTimeMillis();
        ByteBuffer.wrap(value).putLong(0, now);
        inner.put(entryKey(key.get(), context.recordMetadata().orElseThrow().offset()), value);
        if (++putsSinceVacuum == VACUUM_EVERY) {
            vacuum(now, VACUUM_EVERY / 4);
        }
    }

    /** The time a stored value starts with: its arrival, or for a restored entry its record timestamp. */
    static long timestampOf(byte[] value) {
        return ByteBuffer.wrap(value).getLong(0);
    }

    /**
     * Whether a value's event is older than the topic keeps events, at {@code nowMs}, by more than the clocks of the
     * gateway and the fold may differ: a live entry's time is the fold's clock, a restored one's the gateway's, and
     * an entry must outlive every event a read still admits ({@link EventLogEntries}).
     */
    private boolean expired(byte[] value, long nowMs) {
        return timestampOf(value) < nowMs - retentionMs - CallRecordProcessor.Timings.CLOCK_SLACK.toMillis();
    }

    private static Bytes entryKey(byte[] callKey, long offset) {
        return Bytes.wrap(StoredFacts.eventKey(new String(callKey, StandardCharsets.UTF_8), offset)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Visits up to {@code entries} stored entries from where the last visit stopped; deletes those past retention. */
    void vacuum(long nowMs, int entries) {
        putsSinceVacuum = 0;
        List<Bytes> old = new ArrayList<>();
        Bytes next = null;
        try (KeyValueIterator<Bytes, byte[]> it = inner.range(vacuumFrom, null)) {
            int visited = 0;
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                if (visited++ == entries) {
                    next = entry.key;
                    break;
                }
                if (entry.value.length < Long.BYTES || expired(entry.value, nowMs)) {
                    old.add(entry.key);
                }
            }
        }
        old.forEach(inner::delete);
        vacuumFrom = next;
    }

    /** The table's read of the previous value: the fold reads a call's events by prefix, never this. */
    @Override
    public byte[] get(Bytes key) {
        return null;
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        throw new UnsupportedOperationException("the event log only takes the table's puts");
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        entries.forEach(kv -> put(kv.key, kv.value));
    }

    /** Deletes one entry, by its entry key. */
    @Override
    public byte[] delete(Bytes key) {
        return inner.delete(key);
    }

    @Override
    public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(
            P prefix, PS prefixKeySerializer) {
        return inner.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return inner.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return inner.all();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return inner.reverseAll();
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void commit(Map<org.apache.kafka.common.TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public Long committedOffset(org.apache.kafka.common.TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    /** The task's context, with this store's own restore in place of RocksDB's: records go back under their offsets. */
    private final class Registering implements StateStoreContext {
        private final StateStoreContext delegate;

        Registering(StateStoreContext delegate) {
            this.delegate = delegate;
        }

        @Override
        public void register(StateStore store, StateRestoreCallback callback) {
            delegate.register(store, (RecordBatchingStateRestoreCallback) EventLogStore.this::restoreBatch);
        }

        @Override
        public void register(StateStore store, StateRestoreCallback callback, CommitCallback onCommit) {
            delegate.register(store, (RecordBatchingStateRestoreCallback) EventLogStore.this::restoreBatch, onCommit);
        }

        @Override
        public String applicationId() {
            return delegate.applicationId();
        }

        @Override
        public TaskId taskId() {
            return delegate.taskId();
        }

        @Override
        public java.util.Optional<RecordMetadata> recordMetadata() {
            return delegate.recordMetadata();
        }

        @Override
        public Serde<?> keySerde() {
            return delegate.keySerde();
        }

        @Override
        public Serde<?> valueSerde() {
            return delegate.valueSerde();
        }

        @Override
        public java.io.File stateDir() {
            return delegate.stateDir();
        }

        @Override
        public StreamsMetrics metrics() {
            return delegate.metrics();
        }

        @Override
        public Map<String, Object> appConfigs() {
            return delegate.appConfigs();
        }

        @Override
        public Map<String, Object> appConfigsWithPrefix(String prefix) {
            return delegate.appConfigsWithPrefix(prefix);
        }
    }
}
