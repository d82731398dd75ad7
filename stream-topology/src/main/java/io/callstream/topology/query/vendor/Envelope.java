package io.callstream.topology.query.vendor;

import io.vertx.core.json.JsonObject;

/** How one API family wraps its answers: v1 (camelCase, {@code data}) or v4 (PascalCase, {@code Response}). */
interface Envelope {

    String newRequestId();

    JsonObject success(String requestId, JsonObject payload);

    JsonObject failure(String requestId, VendorError error, String message);
}
