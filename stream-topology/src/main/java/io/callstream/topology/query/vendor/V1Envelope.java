package io.callstream.topology.query.vendor;

import io.callstream.service.RequestIds;
import io.vertx.core.json.JsonObject;

/**
 * {@code {"errorCode":0,"errorMessage":"Success","requestId":"<32 hex>","data":{...}}}.
 *
 * <p>On errors {@code data} is left out: the vendor documents {@code errorCode}, {@code errorMessage} and
 * {@code requestId} as the members every answer has, and {@code data} only with a result.
 */
final class V1Envelope implements Envelope {

    @Override
    public String newRequestId() {
        return RequestIds.hex32();
    }

    @Override
    public JsonObject success(String requestId, JsonObject data) {
        return new JsonObject().put("errorCode", 0).put("errorMessage", "Success").put("requestId", requestId)
                .put("data", data);
    }

    @Override
    public JsonObject failure(String requestId, VendorError error, String message) {
        return new JsonObject().put("errorCode", error.code()).put("errorMessage", message).put("requestId", requestId);
    }
}
