package io.callstream.topology.record;

import io.callstream.schemas.CallEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A {@link CallScenarios} fact as the ingest gateway would publish it on callkit.events: the {@link CallEvent} and its
 * key. Shared by the benchmarks that feed the fold through Kafka.
 */
public final class ScenarioEvents {

    private ScenarioEvents() {
    }

    /** The events topic's key of a call, as the gateway writes it: {@code "<sdkAppId>/<callId>"}. */
    public static String key(long sdkAppId, String callId) {
        return sdkAppId + "/" + callId;
    }

    /** The callback event of {@code f}, received now, with a stand-in raw query and body. */
    public static CallEvent event(long sdkAppId, String callId, CallFact f) {
        return CallEvent.newBuilder()
                .setSdkAppId(sdkAppId).setCommand(f.command()).setKind(f.kind()).setCallId(callId)
                .setUserId(f.userId()).setRole(f.role()).setEvent(f.event()).setCallResult(f.callResult())
                .setEventTime(f.eventTime()).setStartCallTs(f.startCallTs()).setAcceptTs(f.acceptTs()).setEndTs(f.endTs())
                .setTotalNum(f.totalNum()).setMediaType(f.mediaType()).setCallType(f.callType()).setRoomId(f.roomId())
                .setPlatform(f.platform()).setReceivedAtMs(System.currentTimeMillis())
                .setRawQuery("sdkappid=" + sdkAppId + "&command=" + f.command())
                .setRawBody(ByteBuffer.wrap(("{\"CallId\":\"" + callId + "\"}").getBytes(StandardCharsets.UTF_8)))
                .build();
    }
}
