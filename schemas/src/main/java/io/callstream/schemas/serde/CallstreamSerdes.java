package io.callstream.schemas.serde;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.DailyStats;

/** The serde of each topic's value type. Instances are thread-safe (Avro's message encoders keep per-thread buffers). */
public final class CallstreamSerdes {

    private CallstreamSerdes() {
    }

    public static AvroSerde<CallEvent> callEvent() {
        return AvroSerde.of(CallEvent.class);
    }

    public static AvroSerde<CallRecord> callRecord() {
        return AvroSerde.of(CallRecord.class);
    }

    public static AvroSerde<ConcurrencyWindow> concurrencyWindow() {
        return AvroSerde.of(ConcurrencyWindow.class);
    }

    public static AvroSerde<DailyStats> dailyStats() {
        return AvroSerde.of(DailyStats.class);
    }
}
