package io.callstream.topology.stats.processor;

import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.topology.StatsConfig;
import io.callstream.topology.StoreBuilders;
import io.callstream.topology.stats.StatsChange;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/** The statistics as the topology adds them: a {@link StatisticsProcessor} per task, with the stores it keeps. */
public final class StatsAggregation implements ProcessorSupplier<String, StatsChange, String, StatsOutput> {

    private final StatsConfig config;

    public StatsAggregation(StatsConfig config) {
        this.config = config;
    }

    @Override
    public Processor<String, StatsChange, String, StatsOutput> get() {
        return new StatisticsProcessor(config);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        // Cached: a second's worth of records updates the same minutes and days over and over, and the record cache
        // turns that into one write per key and commit.
        return Set.of(
                StoreBuilders.cached(StatsStores.SECOND_COUNTS, Serdes.ByteArray()),
                StoreBuilders.cached(StatsStores.WINDOWS, CallstreamSerdes.concurrencyWindow()),
                StoreBuilders.cached(StatsStores.DAILY, CallstreamSerdes.dailyStats()),
                StoreBuilders.cached(StatsStores.DAY_SKETCHES, Serdes.ByteArray()),
                // Not cached: a busy app's users are mostly new to the cache, and would push the hot days and minutes
                // out of it.
                StoreBuilders.uncached(StatsStores.DAY_USERS, Serdes.String()),
                StoreBuilders.cached(StatsStores.PENDING, Serdes.Long()));
    }
}
