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
     * @param key the record's key; null keys are the event's own call (a writer that does not key its records)
     * @throws RefusedEventException {@code INVALID_KEY} when the key is not the event's call
     */
    static String of(String key, CallEvent event) {
        CallKey own;
        CallKey parsed;
        try {
            own = new CallKey(event.getSdkAppId(), event.getCallId());
            parsed = key == null ? own : CallKey.parse(key);
        } catch (IllegalArgumentException e) {
            throw new RefusedEventException(RefusedEventException.Reason.INVALID_KEY, e.getMessage());
        }
        if (!parsed.equals(own)) {
            throw new RefusedEventException(RefusedEventException.Reason.INVALID_KEY,
                    "key " + key + " is not the event's call " + own);
        }
        return key == null ? own.toString() : key;
    }
}
