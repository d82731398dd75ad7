package io.callstream.emulator.config;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * "At most N calls per second" per key, as the vendor states its limits: a fixed window per calendar second of the
 * clock. Simpler than a token bucket and exactly what the documentation says. Thread-safe.
 */
final class PerSecondLimit {

    private record Window(long second, int count) {
    }

    private final int perSecond;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    /** @param perSecond 0 for no limit */
    PerSecondLimit(int perSecond, Clock clock) {
        this.perSecond = perSecond;
        this.clock = clock;
    }

    synchronized boolean tryAcquire(String key) {
        if (perSecond == 0) {
            return true;
        }
        long second = Math.floorDiv(clock.millis(), 1000);
        Window window = windows.get(key);
        if (window == null || window.second() != second) {
            window = new Window(second, 0);
        }
        if (window.count() >= perSecond) {
            return false;
        }
        windows.put(key, new Window(second, window.count() + 1));
        return true;
    }

    int perSecond() {
        return perSecond;
    }
}
