package io.callstream.service.http;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Logs refused requests and cut connections at a bounded rate: anyone can send them, as fast as they like, and a log
 * that grows with an attacker's traffic is a second way to take the gateway down. At most {@code maxPerWindow} lines
 * are written per window; the first line written after some were left out says how many ({@code notLogged}). Metrics
 * count every refusal. Safe to use from every event loop.
 */
public final class RefusalLog {

    public static final int DEFAULT_MAX_PER_WINDOW = 10;
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

    private final Logger logger;
    private final int maxPerWindow;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private long windowStart;
    private int loggedInWindow;
    private long notLogged;

    public RefusalLog() {
        this(LoggerFactory.getLogger(RefusalLog.class), DEFAULT_MAX_PER_WINDOW, DEFAULT_WINDOW, System::nanoTime);
    }

    RefusalLog(Logger logger, int maxPerWindow, Duration window, LongSupplier nanoClock) {
        this.logger = logger;
        this.maxPerWindow = maxPerWindow;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    /**
     * Logs {@code message} at WARN with the given key-value pairs, unless this window's lines are spent. Values that
     * come from the client must already be cut ({@code ClientText.cut}).
     */
    public void warn(String message, Object... keyValues) {
        long skipped = admit();
        if (skipped < 0) {
            return;
        }
        LoggingEventBuilder event = logger.atWarn();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            event = event.addKeyValue(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        if (skipped > 0) {
            event = event.addKeyValue("notLogged", skipped);
        }
        event.log(message);
    }

    /** -1 when this line is left out; else how many were left out since the last line written. */
    synchronized long admit() {
        long now = nanoClock.getAsLong();
        if (now - windowStart >= windowNanos) {
            windowStart = now;
            loggedInWindow = 0;
        }
        if (loggedInWindow >= maxPerWindow) {
            notLogged++;
            return -1;
        }
        loggedInWindow++;
        long skipped = notLogged;
        notLogged = 0;
        return skipped;
    }
}
