package io.callstream.topology.app;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many times a failed stream thread is replaced: at most {@code max} times within any {@code window}. A thread
 * that fails again and again (a fault that every new thread meets as well) stops being replaced, and the client shuts
 * down: the pod restarts and the operator's alert fires, instead of a crash loop inside a pod that looks alive.
 *
 * @param max    {@code CALLSTREAM_THREAD_REPLACEMENTS_MAX}: 0 never replaces a thread
 * @param window {@code CALLSTREAM_THREAD_REPLACEMENTS_WINDOW_MS}
 */
public record ThreadReplacements(int max, Duration window) {

    public static final int DEFAULT_MAX = 3;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

    public ThreadReplacements {
        if (max < 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("thread replacements: max must be >= 0 and the window positive");
        }
    }

    /** The replacements made so far, counted against the limit; thread-safe (stream threads fail concurrently). */
    public Budget budget(Clock clock) {
        return new Budget(clock);
    }

    public final class Budget {
        private final Clock clock;
        private final Deque<Long> recent = new ArrayDeque<>();

        private Budget(Clock clock) {
            this.clock = clock;
        }

        /** True, and counted, when one more replacement is within the limit; false when the limit is spent. */
        public synchronized boolean tryReplace() {
            long now = clock.millis();
            while (!recent.isEmpty() && recent.peekFirst() <= now - window.toMillis()) {
                recent.pollFirst();
            }
            if (recent.size() >= max) {
                return false;
            }
            recent.addLast(now);
            return true;
        }
    }
}
