package io.callstream.topology.fold;

import io.callstream.schemas.CallEvent;
import java.time.Duration;
import java.util.Optional;

/**
 * How far a callback's times may lie from when the gateway received it. A time from the year 9999, or milliseconds
 * where the protocol says seconds, would make a record that is never pruned (R9), sorts first in every descending
 * list and skews the statistics; such a callback is refused as a whole. Zero means "not set" in the vendor's callbacks
 * (an {@code AcceptTs} of a call never accepted), so it is not checked.
 *
 * @param maxPast   how long before the receive time a time may be: longer than any call lasts
 * @param maxFuture how far after it: the sender's clock may be ahead of the gateway's by this much
 */
public record EventTimeWindow(Duration maxPast, Duration maxFuture) {

    public static final Duration DEFAULT_MAX_PAST = Duration.ofDays(30);
    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofMinutes(10);

    public EventTimeWindow {
        if (maxPast.isNegative() || maxFuture.isNegative()) {
            throw new IllegalArgumentException("the event time window must not be negative: " + maxPast + ", " + maxFuture);
        }
    }

    public static EventTimeWindow defaults() {
        return new EventTimeWindow(DEFAULT_MAX_PAST, DEFAULT_MAX_FUTURE);
    }

    /** What is wrong with the event's times, or empty when they all lie within the window around its receive time. */
    public Optional<String> violation(CallEvent event) {
        long received = event.getReceivedAtMs() / 1000;
        long earliest = received - maxPast.toSeconds();
        long latest = received + maxFuture.toSeconds();
        String[] names = {"EventTime", "StartCallTs", "AcceptTs", "EndTs"};
        Long[] times = {event.getEventTime(), event.getStartCallTs(), event.getAcceptTs(), event.getEndTs()};
        for (int i = 0; i < times.length; i++) {
            Long t = times[i];
            if (t != null && t != 0 && (t < earliest || t > latest)) {
                return Optional.of(names[i] + " " + t + " is outside [" + earliest + ", " + latest + "], the window of "
                        + maxPast + " before and " + maxFuture + " after its receive time " + received + " (Unix seconds)");
            }
        }
        return Optional.empty();
    }
}
