package io.callstream.topology.query.vendor;

import io.callstream.schemas.CallRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;

/**
 * A record as the v1 API shows it: the vendor's twelve fields, in the vendor's order, always with the same JSON types
 * (an unknown string is {@code ""}, an unknown time {@code 0}), so that clients written against the vendor's examples
 * never meet a null.
 */
final class V1RecordJson {

    private V1RecordJson() {
    }

    static JsonObject of(CallRecord r) {
        return new JsonObject()
                .put("callId", r.getCallId())
                .put("sdkAppId", r.getSdkAppId())
                .put("mediaType", orEmpty(r.getMediaType()))
                .put("roomId", orEmpty(r.getRoomId()))
                .put("startCallTs", orZero(r.getStartCallTs()))
                .put("acceptTs", r.getAcceptTs())
                .put("endTs", orZero(r.getEndTs()))
                .put("caller", orEmpty(r.getCaller()))
                .put("totalUserNumber", r.getTotalUserNumber())
                .put("callType", orEmpty(r.getCallType()))
                .put("callResult", V1Values.callResult(r.getCallResult()))
                // R4: callees are the users called or invited; unlike the vendor's examples, never the caller.
                .put("callees", new JsonArray(new ArrayList<>(r.getCallees())));
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static long orZero(Long value) {
        return value == null ? 0L : value;
    }
}
