package io.callstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    /** The gauges read their suppliers after a GC too: the registry alone holds them, so it must hold them strongly. */
    @Test
    void theGaugesOutliveAGarbageCollection() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger inFlight = new AtomicInteger(3);
        AtomicInteger open = new AtomicInteger(5);
        GatewayMetrics metrics = new GatewayMetrics(registry, inFlight::get); // a method reference nothing else holds
        metrics.openConnections(open::get);

        for (int i = 0; i < 3; i++) {
            System.gc();
        }

        assertThat(registry.get("callstream.gateway.in.flight").gauge().value()).isEqualTo(3.0);
        assertThat(registry.get("callstream.gateway.connections.open").gauge().value()).isEqualTo(5.0);
    }
}
