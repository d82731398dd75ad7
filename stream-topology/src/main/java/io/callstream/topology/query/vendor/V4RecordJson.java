package io.callstream.topology.query.vendor;

import static io.callstream.topology.query.vendor.V1RecordJson.orEmpty;
import static io.callstream.topology.query.vendor.V1RecordJson.orZero;

import io.callstream.schemas.CallRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;

/** A record as the v4 API shows it: the vendor's eleven PascalCase fields, in the vendor's order, never null. */
final class V4RecordJson {

    private V4RecordJson() {
    }

    static JsonObject of(CallRecord r) {
        String roomId = orEmpty(r.getRoomId());
        return new JsonObject()
                .put("CallId", r.getCallId())
                .put("Caller_Account", orEmpty(r.getCaller()))
                .put("MediaType", V4Values.mediaType(r.getMediaType()))
                .put("CallType", V4Values.callType(r.getCallType()))
                .put("StartTime", orZero(r.getStartCallTs()))
                .put("EndTime", orZero(r.getEndTs()))
                .put("AcceptTime", r.getAcceptTs())
                .put("CallResult", V4Values.callResult(r.getCallResult()))
                .put("CalleeList_Account", new JsonArray(new ArrayList<>(r.getCallees())))
                .put("RoomId", roomId)
                .put("RoomIdType", V4Values.roomIdType(roomId));
    }
}
