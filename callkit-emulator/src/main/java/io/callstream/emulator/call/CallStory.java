package io.callstream.emulator.call;

import io.callstream.schemas.CallResult;
import java.util.List;

/**
 * One generated call: what happened in it (the intent) and the callbacks the vendor sends about it, in the order the
 * actions happened (ties in generation order).
 *
 * @param callType       {@code single} or {@code group}
 * @param caller         who started the call
 * @param invited        everyone invited, initially or mid-call, in order of invitation
 * @param intendedResult how the call ended; null for a call left open (it only ends by the receiver's idle timeout)
 * @param startTs        when the caller started it, Unix seconds
 * @param acceptTs       when it was first accepted, 0 if never
 * @param endTs          when it ended; null for a call left open
 * @param presence       who was in the call when (the caller from the acceptance on)
 * @param callbacks      every callback the vendor sends about this call, whatever the app subscribed to
 */
public record CallStory(long sdkAppId, String callId, String callType, String mediaType, String roomId, User caller,
                        List<User> invited, CallResult intendedResult, long startTs, long acceptTs, Long endTs,
                        List<Presence> presence, List<Callback> callbacks) {

    public CallStory {
        invited = List.copyOf(invited);
        presence = List.copyOf(presence);
        callbacks = List.copyOf(callbacks);
    }

    public boolean isGroup() {
        return "group".equals(callType);
    }

    /** A call that never ends: its record is only closed by the receiver's idle timeout (R6). */
    public boolean leftOpen() {
        return intendedResult == null;
    }
}
