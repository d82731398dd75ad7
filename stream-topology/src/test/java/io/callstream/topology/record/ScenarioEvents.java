package io.callstream.topology.record;

import io.callstream.schemas.CallEvent;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.fold.CallFactFields;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A {@link CallScenarios} fact as the ingest gateway would publish it on callkit.events: the {@link CallEvent} and its
 * key. Shared by the benchmarks that feed the fold through Kafka.
 */
public final class ScenarioEvents {

    private ScenarioEvents() {
    }

    /**
     * When the gateway received the callback of {@code f}: when it happened (its latest time), as the vendor sends a
     * callback at once; 0 when it names no time.
     */
    public static long receivedAt(CallFact f) {
        long latest = 0;
        for (Long t : new Long[] {f.eventTime(), f.startCallTs(), f.acceptTs(), f.endTs()}) {
            latest = t == null ? latest : Math.max(latest, t);
        }
        return latest * 1000;
    }

    /** The events topic's key of a call, as the gateway writes it: {@code "<sdkAppId>/<callId>"}. */
    public static String key(long sdkAppId, String callId) {
        return sdkAppId + "/" + callId;
    }

    /** The callback event of {@code f}, received when it happened, with a stand-in raw query and body. */
    public static CallEvent event(long sdkAppId, String callId, CallFact f) {
        CallEvent event = CallEvent.newBuilder()
                .setSdkAppId(sdkAppId).setCommand(f.command()).setKind(f.kind()).setCallId(callId)
                .setReceivedAtMs(receivedAt(f))
                .setRawQuery("sdkappid=" + sdkAppId + "&command=" + f.command())
                .setRawBody(ByteBuffer.wrap(("{\"CallId\":\"" + callId + "\"}").getBytes(StandardCharsets.UTF_8)))
                .build();
        return CallFactFields.EVENTS.write(f, event);
    }
}
