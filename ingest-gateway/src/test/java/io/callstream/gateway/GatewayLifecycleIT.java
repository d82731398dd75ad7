package io.callstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.gateway.callback.CallbackRoutes;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

@WithKafka
class GatewayLifecycleIT {

    @Test
    void beyondTheInFlightBoundCallbacksAreRefusedAtOnceAndNothingRefusedIsAcknowledged(KafkaCluster kafka) throws Exception {
        try (GatewayHarness gw = new GatewayHarness(kafka, Map.of("CALLSTREAM_MAX_IN_FLIGHT", "1"))) {
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                sent.add(gw.postAsync(GatewayHarness.callback(1400000001L, "caller_start_call", "busy", "u"),
                        GatewayHarness.body("busy-" + i, "alice", "caller", 1L)));
            }
            int busy = 0;
            Set<String> acknowledged = new HashSet<>();
            for (CompletableFuture<HttpResponse<String>> f : sent) {
                HttpResponse<String> r = f.get();
                int code = new JsonObject(r.body()).getInteger("ErrorCode");
                if (code == 0) {
                    acknowledged.add(r.headers().firstValue("X-Request-Id").orElseThrow());
                } else {
                    assertThat(r.statusCode()).isEqualTo(503);
                    assertThat(code).isEqualTo(50301);
                    busy++;
                }
            }
            Set<String> stored = new HashSet<>();
            kafka.readAll(gw.eventsTopic, new StringDeserializer(), CallstreamSerdes.callEvent().deserializer())
                    .forEach(r -> stored.add(new String(r.headers().lastHeader(CallbackRoutes.HEADER_REQUEST_ID).value(),
                            StandardCharsets.UTF_8)));

            assertThat(busy).as("200 at once against a bound of 1").isPositive();
            assertThat(acknowledged).isNotEmpty();
            assertThat(stored).isEqualTo(acknowledged); // refused ones were never handed to Kafka
            assertThat(gw.registry.scrape()).contains("outcome=\"busy\"");
        }
    }

    @Test
    void shutdownAnswersEveryCallbackInProgressAndLosesNoAcknowledgedOne(KafkaCluster kafka) throws Exception {
        GatewayHarness gw = new GatewayHarness(kafka, Map.of("CALLSTREAM_SHUTDOWN_GRACE_MS", "5000"));
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sent.add(gw.postAsync(GatewayHarness.callback(1400000001L, "caller_start_call", "drain", "u"),
                    GatewayHarness.body("drain-" + i, "alice", "caller", 1L)));
        }
        Thread.sleep(20); // let some requests be in progress

        gw.close();

        Set<String> acknowledged = new HashSet<>();
        int refused = 0;
        int neverAccepted = 0;
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            try {
                HttpResponse<String> r = f.get();
                int code = new JsonObject(r.body()).getInteger("ErrorCode");
                if (code == 0) {
                    acknowledged.add(r.headers().firstValue("X-Request-Id").orElseThrow());
                } else {
                    assertThat(code).as("a refusal during shutdown asks for a retry").isEqualTo(50302);
                    refused++;
                }
            } catch (ExecutionException e) {
                neverAccepted++; // connection refused after the listener closed: the sender retries
            }
        }
        Set<String> stored = new HashSet<>();
        kafka.readAll(gw.eventsTopic, new StringDeserializer(), CallstreamSerdes.callEvent().deserializer())
                .forEach(r -> stored.add(new String(r.headers().lastHeader(CallbackRoutes.HEADER_REQUEST_ID).value(),
                        StandardCharsets.UTF_8)));

        assertThat(acknowledged.size() + refused + neverAccepted).isEqualTo(300);
        assertThat(acknowledged).isNotEmpty();
        assertThat(stored).containsAll(acknowledged);
        assertThat(gw.gateway.draining()).isTrue();
    }
}
