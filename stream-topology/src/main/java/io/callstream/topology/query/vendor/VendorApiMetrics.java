package io.callstream.topology.query.vendor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code callstream.query.vendor.requests}: a timer per API and answer code (0 for success), so both the rate of each
 * error and the latency of each outcome are visible. Both tags have a handful of values.
 */
final class VendorApiMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    VendorApiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String api, int code, long nanos) {
        timers.computeIfAbsent(api + '|' + code, key -> Timer.builder("callstream.query.vendor.requests")
                        .description("Requests to the vendor-compatible query APIs, by API and answer code (0 = success)")
                        .tag("api", api)
                        .tag("code", Integer.toString(code))
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
