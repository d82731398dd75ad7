package io.callstream.emulator.delivery;

import io.callstream.emulator.call.Callback;
import java.util.Objects;

/**
 * One HTTP request as the sender makes it: the query string appended to the configured address, and the body. Usually
 * a {@link Callback}'s; fault injection also builds corrupt ones.
 *
 * @param query encoded query string, without {@code ?}
 */
public record CallbackRequest(String query, byte[] body) {

    public CallbackRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(body, "body");
    }

    public static CallbackRequest of(Callback callback) {
        return new CallbackRequest(callback.query(), callback.body());
    }

    /** The URL this request is posted to: the address with the query appended ({@code &} if it has one already). */
    public String url(String address) {
        return address + (address.indexOf('?') >= 0 ? "&" : "?") + query;
    }
}
