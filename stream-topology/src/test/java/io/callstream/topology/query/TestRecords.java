package io.callstream.topology.query;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.ClosedBy;
import java.util.List;

/** Finished call records for query tests: {@code TestRecords.record(app, "c1", 1700000000).setCallResult(...).build()}. */
public final class TestRecords {

    private TestRecords() {
    }

    /** A connected 1v1 video call alice -> bob, 3 s to answer, 60 s long, ended normally. */
    public static CallRecord.Builder record(long sdkAppId, String callId, long startCallTs) {
        return CallRecord.newBuilder()
                .setSdkAppId(sdkAppId)
                .setCallId(callId)
                .setMediaType("video")
                .setRoomId("8841")
                .setCallType("single")
                .setCaller("alice")
                .setCallees(List.of("bob"))
                .setParticipants(List.of())
                .setTotalUserNumber(2)
                .setStartCallTs(startCallTs)
                .setAcceptTs(startCallTs + 3)
                .setEndTs(startCallTs + 63)
                .setDurationSec(60)
                .setCallResult(CallResult.normal_end)
                .setPeakParticipants(null)
                .setClosedBy(ClosedBy.complete)
                .setRevision(1)
                .setEventCount(6);
    }
}
