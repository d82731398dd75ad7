package io.callstream.gateway.publish;

import io.callstream.service.OpsRoutes.Readiness;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;

/**
 * Whether the gateway can store callbacks: a periodic, non-blocking probe that the broker answers and that both topics
 * the gateway writes exist. The answer is cached, so {@code /readyz} never waits on Kafka.
 */
public final class KafkaReadiness implements AutoCloseable {

    private final Admin admin;
    private final List<String> topics;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "callstream-readiness");
        t.setDaemon(true);
        return t;
    });
    private volatile Readiness last = Readiness.notReady("Kafka not probed yet");
    private volatile boolean draining;

    public KafkaReadiness(Admin admin, List<String> topics, Duration interval) {
        this.admin = admin;
        this.topics = List.copyOf(topics);
        this.interval = interval;
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe() {
        DescribeTopicsOptions options = new DescribeTopicsOptions().timeoutMs((int) Math.max(1000, interval.toMillis()));
        admin.describeTopics(topics, options).allTopicNames().whenComplete((described, error) -> {
            last = error == null
                    ? Readiness.ready("Kafka reachable; topics " + described.keySet() + " exist")
                    : Readiness.notReady("Kafka not usable: " + rootMessage(error));
        });
    }

    /** From now on the gateway reports not ready, so load balancers stop sending to it. */
    public void markDraining() {
        draining = true;
    }

    public Readiness current() {
        return draining ? Readiness.notReady("shutting down") : last;
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
