package io.callstream.launcher.e2e;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What the v1 records APIs must answer for a record, written from docs/query-api.md §2 (not from the service's code,
 * so that a mapping mistake there shows): the twelve members in the documented order, {@code ""} and {@code 0} for
 * what is unknown, results in v1 words ({@code unknown} shown as {@code offline}).
 */
final class ExpectedV1RecordJson {

    /** The documented members, in their documented order. */
    static final List<String> MEMBERS = List.of("callId", "sdkAppId", "mediaType", "roomId", "startCallTs", "acceptTs",
            "endTs", "caller", "totalUserNumber", "callType", "callResult", "callees");

    private ExpectedV1RecordJson() {
    }

    static JsonObject expected(CallRecord r) {
        return new JsonObject()
                .put("callId", r.getCallId())
                .put("sdkAppId", r.getSdkAppId())
                .put("mediaType", text(r.getMediaType()))
                .put("roomId", text(r.getRoomId()))
                .put("startCallTs", time(r.getStartCallTs()))
                .put("acceptTs", r.getAcceptTs())
                .put("endTs", time(r.getEndTs()))
                .put("caller", text(r.getCaller()))
                .put("totalUserNumber", r.getTotalUserNumber())
                .put("callType", text(r.getCallType()))
                .put("callResult", r.getCallResult() == null ? "" : r.getCallResult() == CallResult.unknown ? "offline"
                        : r.getCallResult().name())
                .put("callees", new JsonArray(new ArrayList<>(r.getCallees())));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static long time(Long value) {
        return value == null ? 0 : value;
    }
}
