package io.callstream.schemas.serde;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.DailyStats;

/** The serde of each topic's value type. Instances are thread-safe (Avro's message encoders keep per-thread buffers). */
public final class CallstreamSerdes {

    static {
        trustGeneratedClasses();
    }

    private CallstreamSerdes() {
    }

    /**
     * Lets Avro instantiate this artifact's generated classes by name (Avro 1.12.2 refuses any class not on its
     * allow list; apache/avro#3693). Runs when this class or any {@link AvroSerde} is first used; call it at startup
     * if your code copies records ({@code CallRecord.newBuilder(other)}) before it creates a serde. Idempotent.
     */
    public static void trustGeneratedClasses() {
        TrustedAvroClasses.trust(CallEvent.getClassSchema());
        TrustedAvroClasses.trust(CallRecord.getClassSchema());
        TrustedAvroClasses.trust(ConcurrencyWindow.getClassSchema());
        TrustedAvroClasses.trust(DailyStats.getClassSchema());
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
