package io.callstream.topology.app;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of all the app's RocksDB stores together: one block cache shared by every store, with
 * their memtables and their index and filter blocks charged to it (the recipe of Kafka Streams' memory management
 * guide).
 *
 * <p>Why: Kafka Streams gives each store of each task its own 50 MiB block cache and up to three 16 MiB memtables. The
 * topology has eight persistent stores, so a pod holding six tasks (its own and standbys) could use over 4 GiB outside
 * the heap, well past the deployment's 2 GiB limit; with this setter they use the configured amount
 * (CALLSTREAM_ROCKSDB_MEMORY_MB, default 256 MiB) in total, whatever the number of tasks.
 *
 * <p>Kafka Streams creates one setter per store, by class name, so the shared cache lives in a static field: it is
 * shared by every Kafka Streams instance in the JVM, and sized by the first one to open a store. It is never closed
 * (each store's {@link #close} must not close what the others use); the JVM's exit frees it.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Streams config key (set from CALLSTREAM_ROCKSDB_MEMORY_MB): the bytes all stores share. */
    public static final String MEMORY_BYTES_CONFIG = "callstream.rocksdb.memory.bytes";
    public static final long DEFAULT_MEMORY_BYTES = 256L << 20;
    /** Half the memory for memtables, the rest for reads: the fold writes about three entries per callback. */
    private static final double MEMTABLE_SHARE = 0.5;
    /** Of the cache, kept for index and filter blocks, so that reads of data blocks do not evict them. */
    private static final double INDEX_FILTER_SHARE = 0.1;
    /** A store's memtable: smaller than RocksDB's 64 MiB and Streams' 16 MiB, since dozens of stores share the memory. */
    static final long MEMTABLE_BYTES = 8L << 20;

    private static Shared shared;

    /** The cache and write buffer manager every store uses. */
    record Shared(Cache cache, WriteBufferManager writeBuffers) {
    }

    /** The shared memory, made on the first call with {@code bytes}; later calls get the same, whatever they ask. */
    static synchronized Shared shared(long bytes) {
        if (shared == null) {
            RocksDB.loadLibrary(); // a cache made before any store would find no native library (idempotent)
            Cache cache = new LRUCache(bytes, -1, false, INDEX_FILTER_SHARE);
            shared = new Shared(cache, new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache));
        }
        return shared;
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object configured = configs.get(MEMORY_BYTES_CONFIG);
        Shared memory = shared(configured == null ? DEFAULT_MEMORY_BYTES : Long.parseLong(configured.toString()));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store: nothing of a single store's to close.
    }
}
