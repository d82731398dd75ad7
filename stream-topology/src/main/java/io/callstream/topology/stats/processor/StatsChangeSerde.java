package io.callstream.topology.stats.processor;

import io.callstream.schemas.CallScope;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.topology.StoredSchemas;
import io.callstream.topology.state.StoredCallFigures;
import io.callstream.topology.state.StoredStatsChange;
import io.callstream.topology.stats.CallFigures;
import io.callstream.topology.stats.StatsChange;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A {@link StatsChange} on the statistics' repartition topic, as the internal Avro record {@code StoredStatsChange}. */
public final class StatsChangeSerde implements Serde<StatsChange> {

    private final AvroSerde<StoredStatsChange> avro = AvroSerde.internal(StoredStatsChange.class,
            StoredSchemas.versionsOf("StoredStatsChange"));

    @Override
    public Serializer<StatsChange> serializer() {
        return (topic, change) -> change == null ? null
                : avro.encode(new StoredStatsChange(change.sdkAppId(), stored(change.before()), stored(change.after())));
    }

    @Override
    public Deserializer<StatsChange> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            StoredStatsChange stored = avro.decode(bytes);
            return new StatsChange(stored.getSdkAppId(), figures(stored.getBefore()), figures(stored.getAfter()));
        };
    }

    private static StoredCallFigures stored(CallFigures f) {
        return f == null ? null : new StoredCallFigures(f.type() == null ? null : f.type().name(), f.startTs(),
                f.acceptTs(), f.endTs(), f.result(), f.durationSec(), f.participants());
    }

    private static CallFigures figures(StoredCallFigures s) {
        return s == null ? null : new CallFigures(s.getCallType() == null ? null : CallScope.valueOf(s.getCallType()),
                s.getStartTs(), s.getAcceptTs(), s.getEndTs(), s.getCallResult(), s.getDurationSec(), s.getParticipants());
    }
}
