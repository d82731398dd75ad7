package io.callstream.topology.record;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallKey;

/**
 * The key an event is folded under: its record's key, which must be the event's own call (R1: {@code <sdkAppId>/<callId>}).
 * A key that is not one, or names another call, would fold the event into a call it does not belong to, or into a
 * state whose record can never be made; the event is refused instead.
 */
final class EventKey {

    private EventKey() {
    }

    /**
     * @param key the record's key
     * @throws RefusedEventException {@code INVALID_KEY} when the key is not the event's call, or there is none
     *                               ({@link EventKeySerde} refuses those first)
     */
    static String of(String key, CallEvent event) {
        CallKey own;
        CallKey parsed;
        try {
            own = new CallKey(event.getSdkAppId(), event.getCallId());
            if (key == null) {
                throw new IllegalArgumentException("no key: the event's call " + own + " is its key");
            }
            parsed = CallKey.parse(key);
        } catch (IllegalArgumentException e) {
            throw new RefusedEventException(RefusedEventException.Reason.INVALID_KEY, e.getMessage());
        }
        if (!parsed.equals(own)) {
            throw new RefusedEventException(RefusedEventException.Reason.INVALID_KEY,
                    "key " + key + " is not the event's call " + own);
        }
        return key;
    }
}
