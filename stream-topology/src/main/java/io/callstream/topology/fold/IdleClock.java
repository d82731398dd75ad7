package io.callstream.topology.fold;

import java.time.Duration;

/**
 * When the fold may close a call as idle (R6). In the steady state the wall clock says so. While a task catches up on
 * a backlog (after an outage longer than the idle timeout, say), the wall clock runs ahead of the events still to be
 * read: a call whose end waits in the backlog would be closed as {@code timeout} before its end is read, and then
 * revised. So while the task is behind, idleness is measured in stream time, the newest event time read, against the
 * call's own latest event time; and just after the task starts, before it has read anything, nothing is idle.
 *
 * <p>The task is behind when it reads events received more than {@code lag} ago; it is not when it has read nothing
 * for {@code lag} (a quiet partition has no backlog to wait for).
 */
public final class IdleClock {

    private final long lagMs;
    private long lastReadWallMs;
    private long streamTimeMs = -1;

    /** @param startWallMs when the task started: until it reads something, it may be about to read a backlog */
    public IdleClock(Duration lag, long startWallMs) {
        this.lagMs = lag.toMillis();
        this.lastReadWallMs = startWallMs;
    }

    /** An event received at {@code receivedMs} was read when the wall clock said {@code wallMs}. */
    public void read(long receivedMs, long wallMs) {
        streamTimeMs = Math.max(streamTimeMs, receivedMs);
        lastReadWallMs = wallMs;
    }

    /** Whether the task is reading a backlog (or has just started and may be about to). */
    public boolean catchingUp(long wallMs) {
        boolean reading = wallMs - lastReadWallMs < lagMs;
        return reading && (streamTimeMs < 0 || wallMs - streamTimeMs > lagMs);
    }

    /**
     * Whether a call whose last callback arrived at {@code lastArrivalWallMs} and whose latest event time is
     * {@code latestEventMs} (null when none is known) has been idle for {@code idleTimeout} at {@code wallMs}.
     */
    public boolean idle(long lastArrivalWallMs, Long latestEventMs, Duration idleTimeout, long wallMs) {
        if (wallMs - lastArrivalWallMs < idleTimeout.toMillis()) {
            return false;
        }
        if (!catchingUp(wallMs)) {
            return true;
        }
        return streamTimeMs >= 0 && latestEventMs != null && streamTimeMs - latestEventMs >= idleTimeout.toMillis();
    }
}
