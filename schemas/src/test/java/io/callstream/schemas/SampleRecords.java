package io.callstream.schemas;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Fully populated examples of every record, built from the protocol's own example callback. */
public final class SampleRecords {

    public static final String SEED_EVENT_BODY = """
            {"UserId":"Alice","RoomId":"Alice's Room","TotalNum":2,"MediaType":"audio","CallType":"single",\
            "CallId":"aheahfo-eqwnknoihfsd-qweqf","Role":"caller","Event":"start_call","CallResult":"",\
            "EventTime":1704695566,"StartCallTs":1704856873,"AcceptTs":1704856876,"EndTs":1704856885}""";

    static {
        // Tests copy these records (newBuilder(other)) before creating any serde.
        io.callstream.schemas.serde.CallstreamSerdes.trustGeneratedClasses();
    }

    private SampleRecords() {
    }

    public static CallEvent callEvent() {
        return CallEvent.newBuilder()
                .setSdkAppId(8888888L)
                .setCommand("caller_start_call")
                .setKind(EventKind.event)
                .setCallId("aheahfo-eqwnknoihfsd-qweqf")
                .setUserId("Alice")
                .setRoomId("Alice's Room")
                .setTotalNum(2)
                .setMediaType("audio")
                .setCallType("single")
                .setRole("caller")
                .setEvent("start_call")
                .setCallResult(null)
                .setEventTime(1704695566L)
                .setStartCallTs(1704856873L)
                .setAcceptTs(1704856876L)
                .setEndTs(1704856885L)
                .setClientIp("127.0.0.1")
                .setPlatform("iOS")
                .setReceivedAtMs(1704695566123L)
                .setRawQuery("sdkappid=8888888&command=caller_start_call&contenttype=json&clientip=127.0.0.1&optplatform=iOS")
                .setRawBody(ByteBuffer.wrap(SEED_EVENT_BODY.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    /** The vendor's v1 example record, with our extra fields filled in. */
    public static CallRecord callRecord() {
        return CallRecord.newBuilder()
                .setSdkAppId(88888888L)
                .setCallId("2ae7d549-c441-4a9b-87c0-61810fe19582")
                .setMediaType("video")
                .setRoomId("123456")
                .setCallType("single")
                .setCaller("alice")
                .setCallees(List.of("bob1", "bob2"))
                .setParticipants(List.of(
                        new Participant("alice", 1688705641L, 1688705668L, "iOS", 27L),
                        new Participant("bob1", 1688705641L, 1688705668L, "Android", 27L)))
                .setTotalUserNumber(2)
                .setStartCallTs(1688705638L)
                .setAcceptTs(1688705641L)
                .setEndTs(1688705668L)
                .setDurationSec(27L)
                .setCallResult(CallResult.normal_end)
                .setPeakParticipants(null)
                .setClosedBy(ClosedBy.complete)
                .setRevision(1)
                .setEventCount(7)
                .build();
    }

    public static ConcurrencyWindow concurrencyWindow() {
        return ConcurrencyWindow.newBuilder()
                .setSdkAppId(1400000001L)
                .setScope(CallScope.all)
                .setGranularity(WindowGranularity.minute)
                .setZone("UTC")
                .setWindowStartTs(1688705640L)
                .setWindowEndTs(1688705700L)
                .setMaxConcurrent(42)
                .setPeakTs(1688705651L)
                .setRevision(3)
                .build();
    }

    public static DailyStats dailyStats() {
        return DailyStats.newBuilder()
                .setSdkAppId(1400000001L)
                .setScope(CallScope.group)
                .setDay("2026-11-23")
                .setZone("Asia/Shanghai")
                .setCalls(120L)
                .setConnectedCalls(100L)
                .setCallsByResult(Map.of("normal_end", 95L, "cancel", 20L, "interrupt", 5L))
                .setParticipants(310L)
                .setParticipantsExact(true)
                .setParticipantsSketch(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setMaxConcurrent(17)
                .setTotalTalkSec(36_000L)
                .setAvgTalkSec(360.0)
                .setRevision(2)
                .build();
    }
}
