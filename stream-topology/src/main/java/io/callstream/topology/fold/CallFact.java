package io.callstream.topology.fold;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.EventKind;
import java.util.Objects;

/**
 * What one callback says about its call: the fields the fold reads, nothing about when or how it was delivered. Two
 * deliveries of the same callback (the sender's retries) are equal facts.
 *
 * <p>Facts are totally ordered by all their fields, so that any collection of them folds in one deterministic order.
 */
public record CallFact(
        String command,
        EventKind kind,
        String userId,
        String role,
        String event,
        String callResult,
        Long eventTime,
        Long startCallTs,
        Long acceptTs,
        Long endTs,
        Integer totalNum,
        String mediaType,
        String callType,
        String roomId,
        String platform) implements Comparable<CallFact> {

    public CallFact {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(kind, "kind");
    }

    public static CallFact of(CallEvent e) {
        return CallFactFields.EVENTS.read(e);
    }

    /**
     * By eventTime, command, userId, role, callResult, event, kind, startCallTs, acceptTs, endTs, totalNum, mediaType,
     * callType, roomId, platform; nulls first. The first five are the {@link #sameIdentity identity}, so facts of one
     * identity are neighbours in a sorted set. Written out rather than chained comparators: a call's facts are sorted on every
     * callback.
     */
    @Override
    public int compareTo(CallFact o) {
        int c;
        if ((c = compare(eventTime, o.eventTime)) != 0 || (c = compare(command, o.command)) != 0
                || (c = compare(userId, o.userId)) != 0 || (c = compare(role, o.role)) != 0
                || (c = compare(callResult, o.callResult)) != 0 || (c = compare(event, o.event)) != 0
                || (c = kind.name().compareTo(o.kind.name())) != 0 || (c = compare(startCallTs, o.startCallTs)) != 0
                || (c = compare(acceptTs, o.acceptTs)) != 0 || (c = compare(endTs, o.endTs)) != 0
                || (c = compare(totalNum, o.totalNum)) != 0 || (c = compare(mediaType, o.mediaType)) != 0
                || (c = compare(callType, o.callType)) != 0 || (c = compare(roomId, o.roomId)) != 0) {
            return c;
        }
        return compare(platform, o.platform);
    }

    private static <T extends Comparable<T>> int compare(T a, T b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }

    /**
     * Whether the two are the same callback within their call (rule R1, less sdkAppId and CallId, which are the key):
     * retries are, two genuinely different actions never are. Equal on command, userId, eventTime, role, callResult.
     */
    boolean sameIdentity(CallFact o) {
        return Objects.equals(eventTime, o.eventTime) && command.equals(o.command) && Objects.equals(userId, o.userId)
                && Objects.equals(role, o.role) && Objects.equals(callResult, o.callResult);
    }
}
