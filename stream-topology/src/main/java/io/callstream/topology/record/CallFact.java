package io.callstream.topology.record;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.EventKind;
import java.util.Comparator;
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

    private static final Comparator<String> S = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<Long> L = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<CallFact> ORDER = Comparator
            .comparing(CallFact::eventTime, L)
            .thenComparing(CallFact::command, S)
            .thenComparing(CallFact::userId, S)
            .thenComparing(CallFact::role, S)
            .thenComparing(CallFact::callResult, S)
            .thenComparing(CallFact::event, S)
            .thenComparing(f -> f.kind().name())
            .thenComparing(CallFact::startCallTs, L)
            .thenComparing(CallFact::acceptTs, L)
            .thenComparing(CallFact::endTs, L)
            .thenComparing(CallFact::totalNum, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(CallFact::mediaType, S)
            .thenComparing(CallFact::callType, S)
            .thenComparing(CallFact::roomId, S)
            .thenComparing(CallFact::platform, S);

    public CallFact {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(kind, "kind");
    }

    public static CallFact of(CallEvent e) {
        return new CallFact(e.getCommand(), e.getKind(), e.getUserId(), e.getRole(), e.getEvent(), e.getCallResult(),
                e.getEventTime(), e.getStartCallTs(), e.getAcceptTs(), e.getEndTs(), e.getTotalNum(), e.getMediaType(),
                e.getCallType(), e.getRoomId(), e.getPlatform());
    }

    /**
     * The callback's identity within its call (rule R1, less sdkAppId and CallId, which are the key): retries share
     * it, two genuinely different actions never do.
     */
    public Identity identity() {
        return new Identity(command, userId, eventTime, role, callResult);
    }

    public record Identity(String command, String userId, Long eventTime, String role, String callResult) {
    }

    @Override
    public int compareTo(CallFact other) {
        return ORDER.compare(this, other);
    }
}
