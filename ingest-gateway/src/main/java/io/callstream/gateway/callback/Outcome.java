package io.callstream.gateway.callback;

/**
 * Every way a callback request can end, with the HTTP status and {@code ErrorCode} it is answered with. Only
 * {@link #STORED} and {@link #DEAD_LETTERED} answer {@code ErrorCode 0}: both mean "in Kafka". Every other outcome is
 * non-zero, so the sender retries (its schedule: 0s, 1s, 1s, 2s, 3s, 5s).
 */
public enum Outcome {
    STORED(200, 0, "stored"),
    DEAD_LETTERED(200, 0, "dead_lettered"),
    UNREADABLE(400, 40000, "unreadable"),
    UNAUTHORIZED(401, 40100, "unauthorized"),
    FORBIDDEN(403, 40300, "forbidden"),
    NOT_FOUND(404, 40400, "not_found"),
    METHOD_NOT_ALLOWED(405, 40500, "method_not_allowed"),
    TOO_LARGE(413, 41300, "too_large"),
    UNAVAILABLE(503, 50300, "unavailable"),
    BUSY(503, 50301, "busy"),
    SHUTTING_DOWN(503, 50302, "shutting_down");

    private final int httpStatus;
    private final int errorCode;
    private final String metricTag;

    Outcome(int httpStatus, int errorCode, String metricTag) {
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.metricTag = metricTag;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    public String metricTag() {
        return metricTag;
    }

    /** The protocol's success answer, byte for byte as the vendor documents it. */
    public static final String SUCCESS_BODY = "{\"ErrorCode\":0,\"ErrorMessage\":\"Success\"}";

    /** The response body: {@code {"ErrorCode":n,"ErrorMessage":"..."}}, as the protocol defines it. */
    public String body(String message) {
        if (errorCode == 0 && "Success".equals(message)) {
            return SUCCESS_BODY;
        }
        return "{\"ErrorCode\":" + errorCode + ",\"ErrorMessage\":" + io.vertx.core.json.Json.encode(message) + "}";
    }
}
