package io.callstream.topology.query.http;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * A response as an API writes it: the HTTP status, the API's outcome code (0 for success; the vendor's codes
 * otherwise, which the metrics count), the JSON body and any headers beyond {@code Content-Type} and
 * {@code X-Request-Id}, which every answer has.
 */
public record Answer(int status, int code, JsonObject body, Map<String, String> headers) {

    public Answer {
        headers = Map.copyOf(headers);
    }

    public Answer(int status, int code, JsonObject body) {
        this(status, code, body, Map.of());
    }
}
