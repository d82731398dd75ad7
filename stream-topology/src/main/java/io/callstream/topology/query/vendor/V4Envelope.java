package io.callstream.topology.query.vendor;

import io.vertx.core.json.JsonObject;

/**
 * {@code {"ErrorCode":0,"ErrorInfo":"","ActionStatus":"OK","RequestId":"Id-...-O-Seq-n","Response":{...}}}.
 *
 * <p>On errors {@code ActionStatus} is {@code FAIL} and {@code Response} is left out (it carries results only).
 */
final class V4Envelope implements Envelope {

    private final V4RequestIds ids = new V4RequestIds();

    @Override
    public String newRequestId() {
        return ids.next();
    }

    @Override
    public JsonObject success(String requestId, JsonObject response) {
        return new JsonObject().put("ErrorCode", 0).put("ErrorInfo", "").put("ActionStatus", "OK")
                .put("RequestId", requestId).put("Response", response);
    }

    @Override
    public JsonObject failure(String requestId, VendorError error, String message) {
        return new JsonObject().put("ErrorCode", error.code()).put("ErrorInfo", message).put("ActionStatus", "FAIL")
                .put("RequestId", requestId);
    }
}
