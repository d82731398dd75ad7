package io.callstream.gateway;

import io.callstream.gateway.callback.Outcome;
import io.callstream.schemas.CallbackCommand;
import io.callstream.service.http.ConnectionGuard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The gateway's own metrics. Tags have bounded values: commands outside the protocol count as {@code other}, so a
 * misbehaving sender cannot blow up the number of series.
 */
public final class GatewayMetrics {

    private final MeterRegistry registry;
    private final Timer ackLatency;
    private final ConcurrentMap<String, Counter> requests = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry, Supplier<Number> inFlight) {
        this.registry = registry;
        this.ackLatency = Timer.builder("callstream.gateway.ack.latency")
                .description("From request received to Kafka acknowledgement, for acknowledged callbacks")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        // Strong references, here and below: the registry would otherwise hold the supplier (a method reference, held
        // by nothing else) weakly, and the gauge would read NaN after the next GC.
        Gauge.builder("callstream.gateway.in.flight", inFlight, s -> s.get().doubleValue())
                .description("Callbacks waiting for Kafka's acknowledgement")
                .strongReference(true)
                .register(registry);
    }

    /** The gauge of open connections, read from the count the servers' guards keep. */
    public void openConnections(Supplier<Number> open) {
        Gauge.builder("callstream.gateway.connections.open", open, s -> s.get().doubleValue())
                .description("Connections open across the gateway's HTTP servers")
                .strongReference(true)
                .register(registry);
    }

    /** Counts a connection the gateway closed: over the connection cap, idle, or too slow to send its request. */
    public void connectionCut(ConnectionGuard.Cut why) {
        Counter.builder("callstream.gateway.connections.cut")
                .description("Connections the gateway closed, by reason (over_cap, idle, read_timeout)")
                .tag("reason", why.tag())
                .register(registry)
                .increment();
    }

    /** Counts one finished request. Counters are cached: this runs on the event loop for every callback. */
    public void request(Optional<String> command, Outcome outcome) {
        String commandTag = command.map(c -> CallbackCommand.fromWireName(c).map(CallbackCommand::wireName).orElse("other"))
                .orElse("none");
        requests.computeIfAbsent(commandTag + '|' + outcome.name(), key -> Counter.builder("callstream.gateway.requests")
                .description("Callback requests by command and outcome")
                .tag("command", commandTag)
                .tag("outcome", outcome.metricTag())
                .register(registry))
                .increment();
    }

    public void acknowledged(long receivedAtNanos) {
        ackLatency.record(System.nanoTime() - receivedAtNanos, TimeUnit.NANOSECONDS);
    }

    public void deadLettered(String category) {
        Counter.builder("callstream.gateway.dlq")
                .description("Callbacks stored in the dead-letter topic, by reason")
                .tag("reason", category)
                .register(registry)
                .increment();
    }

    public void producerError(Throwable error) {
        Counter.builder("callstream.gateway.producer.errors")
                .description("Callbacks Kafka did not acknowledge in time, by error")
                .tag("error", error.getClass().getSimpleName())
                .register(registry)
                .increment();
    }
}
