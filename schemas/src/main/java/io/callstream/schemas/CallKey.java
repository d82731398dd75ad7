package io.callstream.schemas;

import java.util.Objects;

/**
 * The Kafka key of everything about one call: {@code <sdkAppId>/<callId>} (record-semantics R1: two apps may reuse a
 * CallId). A plain UTF-8 string so that any consumer, in any language, can read and partition by it.
 */
public record CallKey(long sdkAppId, String callId) {

    public CallKey {
        Objects.requireNonNull(callId, "callId");
        if (callId.isEmpty()) {
            throw new IllegalArgumentException("callId must not be empty");
        }
    }

    /** Parses a key written by {@link #toString()}; the call id may itself contain '/'. */
    public static CallKey parse(String key) {
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw new IllegalArgumentException("not a call key (expected '<sdkAppId>/<callId>'): " + key);
        }
        try {
            return new CallKey(Long.parseLong(key.substring(0, slash)), key.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a call key (sdkAppId is not a number): " + key, e);
        }
    }

    @Override
    public String toString() {
        return sdkAppId + "/" + callId;
    }
}
